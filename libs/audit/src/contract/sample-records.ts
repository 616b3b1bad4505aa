import type { AuditRecord } from '../audit-log.port';

export const T0 = Date.parse('2026-02-01T12:00:00.000Z');

/** The i-th sample record: an instant i seconds after T0, two keys and three actions taking turns. */
export function sampleRecord(i: number, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    at: new Date(T0 + i * 1000).toISOString(),
    keyId: i % 2 ? 'k_00000000000000b1' : 'k_00000000000000a1',
    roles: ['research'],
    action: ['studies.report', 'cohorts.create', 'keys.list'][i % 3],
    method: 'GET',
    route: '/v1/studies/:id/report',
    orgIds: ['rx1-trust'],
    query: { asOf: '2025-12-31', 'param.id': `st_${i}` },
    status: 200,
    disclosure: 'protected',
    correlationId: `c-${i}`,
    ...overrides,
  };
}

export function sampleRecords(count: number, from = 0): AuditRecord[] {
  return Array.from({ length: count }, (_, i) => sampleRecord(from + i));
}
