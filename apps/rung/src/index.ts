export * from './rung-app.module';
