import { Schema, type Connection, type Model } from 'mongoose';
import type { AuditEntry } from '../audit-log.port';

export const AUDIT_COLLECTION = 'audit';

/**
 * An entry as stored: query parameters as [name, value] pairs, because a parameter may be named
 * `param.id` or `$gt`, which MongoDB reads as a path or an operator in a field name.
 */
export type AuditDocument = Omit<AuditEntry, 'query'> & { query: Array<[string, string]> };

// Only the fields queries use are declared; writes are lean, so nothing is cast or reordered.
const auditSchema = new Schema(
  { seq: Number, at: String, keyId: String, action: String },
  { collection: AUDIT_COLLECTION, strict: false, versionKey: false, autoIndex: false, autoCreate: false, minimize: false, _id: true },
);
auditSchema.index({ seq: 1 }, { unique: true, name: 'seq_unique' });
auditSchema.index({ keyId: 1, seq: 1 }, { name: 'keyId_seq' });
auditSchema.index({ action: 1, seq: 1 }, { name: 'action_seq' });

export type AuditModel = Model<AuditDocument>;

export function auditModel(connection: Connection): AuditModel {
  return (connection.models.RungAudit as AuditModel | undefined) ?? connection.model<AuditDocument>('RungAudit', auditSchema);
}

export function toDocument(entry: AuditEntry): AuditDocument {
  return { ...entry, query: Object.entries(entry.query) };
}

/**
 * The entry a document stands for. Query pairs become an object again; anything else is left as it
 * is stored, so that a document changed out of shape fails its hash instead of being tidied up.
 */
export function fromDocument(doc: Record<string, unknown>): Record<string, unknown> {
  const { _id: _mongoId, ...stored } = doc;
  const pairs = stored.query;
  const isPairs = Array.isArray(pairs) && pairs.every((p) => Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === 'string'));
  return isPairs ? { ...stored, query: Object.fromEntries(pairs as Array<[string, string]>) } : stored;
}
