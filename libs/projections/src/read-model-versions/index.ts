export * from './read-model-versions.port';
export { ReadModelVersionsModule } from './read-model-versions.module';
export { MongoReadModelVersions, READ_MODEL_VERSIONS_COLLECTION } from './mongo-read-model-versions';
