export * from './config';
export * from './logging';
export * from './errors';
export * from './http';
export * from './health';
export * from './tokens';
export * from './platform.module';
export * from './boot';
