export { runCli } from './cli';
export { importFile, type ImportOptions, type ImportSummary } from './import/importer';
