export * from './configure-http';
export * from './correlation.middleware';
export * from './requires-role.decorator';
export * from './json-body';
export * from './client-errors';
export * from './request-shortcut';
export * from './etag';
