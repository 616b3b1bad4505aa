export * from './projector.module';
export * from './projection-lag.service';
export * from './projector-app.module';
export * from './projection-rebuilds.service';
