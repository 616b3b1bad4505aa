export { pairedTTest, welchTTest } from './t-test';
export type { TTestResult } from './t-test';
