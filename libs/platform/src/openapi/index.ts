export * from './openapi';
export * from './problem-schema';
