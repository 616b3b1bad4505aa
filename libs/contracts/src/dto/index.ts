export * from './career-event.dto';
export * from './event-data.dto';
export * from './data-dto-by-type';
