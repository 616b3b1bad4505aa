export * from './built-worker';
