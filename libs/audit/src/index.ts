export * from './audit-log.port';
export { AuditModule } from './audit.module';
export { EmbeddedAuditLog, type EmbeddedAuditOptions } from './embedded/embedded-audit-log';
export { MongoAuditLog, type MongoAuditOptions } from './mongo/mongo-audit-log';
export { canonicalJson, chainEntries, entryHash, GENESIS_HASH, sha256hex, type ChainHead } from './chain';
export { ChainVerifier, MAX_PROBLEMS, verifyChain } from './chain-verifier';
export type { StoredEntry, UnreadableEntry } from './stored-entry';
