import { get, refusal } from './api';
import { barChart, figure, type Bar } from './charts';
import { pct, SUPPRESSED, type Cell, type Row } from './format';
import { $, el, orSuppressed, params } from './dom';
import type { Monitoring, Query, Support } from './types';

let shown: Monitoring | null = null;

export function monitoringPath(q: Query, format?: string): string {
  const query: Record<string, string> = { from: q.from, to: q.to, grouping: q.grouping };
  if (format) query.format = format;
  return `/v1/programmes/${encodeURIComponent(q.orgId)}/monitoring?${params(query)}`;
}

export async function showMonitoring(q: Query): Promise<void> {
  const answer = await get<Monitoring>(monitoringPath(q));
  if (!answer.body) {
    shown = null;
    $('programmes-body').replaceChildren(el('p', { class: 'message' }, refusal(answer.status, answer.problem)));
    return;
  }
  shown = answer.body;
  renderMonitoring();
}

export function clearMonitoring(): void {
  shown = null;
  $('programmes-body').replaceChildren();
}

export function renderMonitoring(): void {
  const m = shown;
  if (!m) return;
  if (!m.kinds.length) {
    $('programmes-body').replaceChildren(el('p', {}, 'No programme took place in this organisation and period.'));
    return;
  }
  const bars: Bar[] = m.kinds.flatMap((k) => k.groups.map((g) => ({ facet: k.programmeKind, group: g.group, value: g.takeUp.suppressed ? null : g.takeUp.share, suppressed: g.takeUp.suppressed })));
  const rows: Row[] = m.kinds.flatMap((k) => k.groups.map((g) => [
    { text: k.programmeKind }, { text: g.group },
    orSuppressed(g.takeUp.suppressed, { text: pct(g.takeUp.share), num: true }),
    orSuppressed(g.outcomes.suppressed, { text: pct(g.outcomes.completionRate), num: true }),
    orSuppressed(g.outcomes.suppressed, { text: pct(g.outcomes.withdrawalRate), num: true }),
    orSuppressed(g.protectedTime.suppressed, { text: pct(g.protectedTime.share), num: true }),
    supportCell(g.mentors), supportCell(g.coaches),
  ]));
  const alt = `Share of people in post who took part, by programme kind and group, ${m.from} to ${m.to}. `
    + m.kinds.map((k) => `${k.programmeKind}: ${k.groups.map((g) => `${g.group} ${g.takeUp.suppressed ? 'suppressed' : pct(g.takeUp.share)}`).join(', ')}`).join('; ') + '.';
  $('programmes-body').replaceChildren(figure('Programme take-up by group', barChart(bars, { x: 'Share of people in post who took part', facet: 'Programme', groups: m.groups, max: 1 }), alt,
    ['Programme', 'Group', 'Take-up', 'Completed', 'Withdrew', 'With protected time', 'Mentor from a minority group', 'Coach from a minority group'], rows, 'monitoring'));
}

/** The share of participants whose mentor (or coach) is from an ethnic minority; a dash where none was assigned. */
function supportCell(s: Support): Cell {
  if (s.suppressed) return SUPPRESSED;
  return { text: s.assigned ? pct(s.minorityShare) : '–', num: true };
}
