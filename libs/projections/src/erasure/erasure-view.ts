import type { Tombstone } from '@rung/event-store';

/** An erasure as the admin API shows it: never the subject's reference, only the organisation. */
export interface ErasureView {
  id: string;
  orgId: string;
  status: 'pending' | 'finished';
  requestedAt: string;
  finishedAt: string | null;
}

export function erasureView(t: Tombstone): ErasureView {
  return { id: t.erasureId, orgId: t.orgId, status: t.finishedAt ? 'finished' : 'pending', requestedAt: t.requestedAt, finishedAt: t.finishedAt };
}
