import { get, refusal, saveFile, storedKey, storeKey } from './api';
import { barChart, fmt, figure, intervalChart, pct, SUPPRESSED, trendChart, type Bar, type Cell, type Estimate, type Point, type Row } from './charts';

interface Session { keyId: string; name: string; roles: string[]; orgIds: string[]; disclosure: string | null }
interface RateRow { group: string; headcount: number | null; events: number | null; personYears: number | null; rate: number | null; lower: number | null; upper: number | null; suppressed: boolean; per?: number }
interface Likelihood {
  indicator: string; numeratorGroup: string; denominatorGroup: string;
  numerator: { successes: number | null; total: number | null }; denominator: { successes: number | null; total: number | null };
  ratio: number | null; lower: number | null; upper: number | null; suppressed: boolean;
}
interface BrokenRung { focalGroup: string; referenceGroup: string; ratio: number | null; lower: number | null; upper: number | null; suppressed: boolean }
interface Level { level: number; total: number | null; groups: Array<{ group: string; count: number | null; share: number | null }>; suppressed: boolean }
interface Indicators {
  orgId: string; from: string; to: string; grouping: string; referenceGroup: string; focalGroups: string[]; k: number; disclosure: string;
  representation: { at: string; levels: Level[]; total: number | null };
  relativeLikelihoods: Likelihood[]; leavingRate: RateRow[]; promotionRate: RateRow[]; brokenRung: BrokenRung[];
}
interface Trend { indicator: string; disclosure: string; points: Array<{ period: string; from: string; to: string; value: unknown }> }
interface Share { share: number | null; suppressed: boolean; participants?: number | null }
interface MonitoringGroup { group: string; takeUp: Share & { inPost: number | null }; outcomes: { completionRate: number | null; withdrawalRate: number | null; suppressed: boolean }; protectedTime: Share }
interface Monitoring { orgId: string; from: string; to: string; disclosure: string; groups: string[]; kinds: Array<{ programmeKind: string; groups: MonitoringGroup[] }> }

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const LIKELIHOOD_NAMES: Record<string, string> = {
  'appointed-from-shortlisting': 'Appointed from shortlisting',
  'entering-disciplinary': 'Entering formal disciplinary',
  'accessing-non-mandatory-training': 'Accessing non-mandatory training',
};

const state: {
  session: Session | null;
  query: { orgId: string; from: string; to: string; grouping: string } | null;
  indicators: Indicators | null;
  trend: { path: string; etag: string | null; body: Trend | null; timer: number | undefined; polls: number; notModified: number };
} = { session: null, query: null, indicators: null, trend: { path: '', etag: null, body: null, timer: undefined, polls: 0, notModified: 0 } };

function say(id: string, text: string, info = false): void {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle('info', info);
}

function num(value: number | null | undefined, digits = 2): Cell {
  return { text: fmt(value, digits), num: true };
}

function orSuppressed(suppressed: boolean, cell: Cell): Cell {
  return suppressed ? SUPPRESSED : cell;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

// ---- key entry and session ----------------------------------------------------------------------

async function signIn(key: string | null): Promise<void> {
  if (!key) return;
  storeKey(key);
  say('key-message', 'Checking the key…', true);
  const answer = await get<Session>('/v1/session');
  if (!answer.body) {
    storeKey(null);
    say('key-message', refusal(answer.status, answer.problem));
    $('key-input').focus();
    return;
  }
  const session = answer.body;
  if (!session.roles.includes('dashboard') && !session.roles.includes('research')) {
    storeKey(null);
    say('key-message', `This key has the ${session.roles.join(', ')} role, which may not read indicators (403): use a dashboard or research key.`);
    return;
  }
  state.session = session;
  say('key-message', '');
  ($('key-input') as HTMLInputElement).value = '';
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('session-name').textContent = `${session.name} (${session.keyId})`;
  $('session-roles').textContent = session.roles.join(', ');
  $('session-orgs').textContent = session.orgIds.includes('*') ? 'All organisations' : session.orgIds.join(', ');
  $('session-disclosure').textContent = disclosureText(session.disclosure);
  $('status-disclosure').textContent = `Disclosure: ${session.disclosure ?? 'protected'}`;
  const research = session.roles.includes('research');
  $('studies').hidden = !research;
  $('studies-link').hidden = !research;
  const select = $<HTMLSelectElement>('org');
  const text = $<HTMLInputElement>('org-text');
  select.replaceChildren(...session.orgIds.filter((o) => o !== '*').map((o) => new Option(o, o)));
  const anyOrg = session.orgIds.includes('*');
  select.hidden = anyOrg;
  text.hidden = !anyOrg;
  $('org').previousElementSibling?.setAttribute('for', anyOrg ? 'org-text' : 'org');
  $('status-period').textContent = 'Choose an organisation and period, then Show.';
  $('session-title').focus();
  if (research) void loadStudies();
}

function disclosureText(mode: string | null): string {
  if (mode === 'exact') return 'exact: figures equal the exact estimates; counts from 1 to k − 1 are suppressed';
  return 'protected: counts are randomly rounded (cell key) and small cells suppressed, so no one can be picked out';
}

function signOut(): void {
  storeKey(null);
  window.clearInterval(state.trend.timer);
  state.session = null;
  $('app').hidden = true;
  $('sign-in').hidden = false;
  for (const id of ['indicators-body', 'trends-body', 'programmes-body', 'studies-body']) $(id).replaceChildren();
  $('key-input').focus();
}

// ---- indicators ---------------------------------------------------------------------------------

function readQuery(): { orgId: string; from: string; to: string; grouping: string } {
  const select = $<HTMLSelectElement>('org');
  const orgId = select.hidden ? $<HTMLInputElement>('org-text').value.trim() : select.value;
  return { orgId, from: $<HTMLInputElement>('from').value, to: $<HTMLInputElement>('to').value, grouping: $<HTMLSelectElement>('grouping').value };
}

function params(q: Record<string, string>): string {
  return new URLSearchParams(q).toString();
}

async function showAll(): Promise<void> {
  const q = readQuery();
  if (!q.orgId) return say('view-message', 'Choose an organisation.');
  state.query = q;
  say('view-message', '');
  await Promise.all([showIndicators(), showTrend(), showMonitoring()]);
}

function refused(status: number, problem: string | null): void {
  say('view-message', refusal(status, problem));
  if (status === 401) signOut();
}

async function showIndicators(): Promise<void> {
  const q = state.query;
  if (!q) return;
  const body = $('indicators-body');
  body.setAttribute('aria-busy', 'true');
  const answer = await get<Indicators>(`/v1/indicators?${params(q)}`);
  body.removeAttribute('aria-busy');
  if (!answer.body) return refused(answer.status, answer.problem);
  state.indicators = answer.body;
  renderIndicators(answer.body);
}

function renderIndicators(ind: Indicators): void {
  const body = $('indicators-body');
  $('status-disclosure').textContent = `Disclosure: ${ind.disclosure}`;
  $('status-period').textContent = `Organisation ${ind.orgId} · period ${ind.from} to ${ind.to} (whole months) · grouping ${ind.grouping}`;
  $('status-asof').textContent = `Representation as at ${ind.representation.at} · fetched ${new Date().toLocaleString('en-GB')}`;
  const groups = [ind.referenceGroup, ...ind.focalGroups];
  body.replaceChildren(
    representationFigure(ind, groups),
    likelihoodFigure(ind),
    rateFigure('Leaving rate', 'leaving', ind.leavingRate),
    rateFigure('Promotion rate', 'promotion', ind.promotionRate),
    brokenRungFigure(ind),
  );
}

function el(tag: string, attrs: Record<string, string>, ...children: Node[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function representationFigure(ind: Indicators, groups: string[]): HTMLElement {
  const bars: Bar[] = ind.representation.levels.flatMap((l) => l.groups.map((g) => ({
    facet: `Level ${l.level}`, group: g.group, value: l.suppressed ? null : g.share, suppressed: l.suppressed || (g.share === null && g.count === null),
    note: l.total === 0 ? 'no one in post' : undefined,
  })));
  const rows: Row[] = ind.representation.levels.flatMap((l) => l.groups.map((g) => [
    { text: `Level ${l.level}` }, { text: g.group }, orSuppressed(l.suppressed || g.count === null, num(g.count, 0)),
    orSuppressed(l.suppressed || (g.share === null && g.count === null), { text: g.share === null ? 'no one in post' : pct(g.share), num: true }),
  ]));
  const hidden = bars.filter((b) => b.suppressed).length;
  const alt = `Share of each group at each level on ${ind.representation.at}, ${ind.representation.total ?? 'a suppressed number of'} people in post. `
    + ind.representation.levels.map((l) => `Level ${l.level}: ${l.suppressed ? 'suppressed' : l.groups.map((g) => `${g.group} ${g.share === null ? 'none' : pct(g.share)}`).join(', ')}`).join('; ')
    + (hidden ? `. ${hidden} values are suppressed.` : '.');
  return figure(`Representation by level, ${ind.representation.at}`, barChart(bars, { x: 'Share of people at the level', facet: 'Level', groups, max: 1 }), alt,
    ['Level', 'Group', 'People', 'Share'], rows, 'representation');
}

function likelihoodFigure(ind: Indicators): HTMLElement {
  const label = (r: Likelihood): string => `${LIKELIHOOD_NAMES[r.indicator] ?? r.indicator}: ${r.numeratorGroup} / ${r.denominatorGroup}`;
  const estimates: Estimate[] = ind.relativeLikelihoods.map((r) => ({ label: label(r), estimate: r.ratio, lower: r.lower, upper: r.upper, suppressed: r.suppressed || r.ratio === null }));
  const rows: Row[] = ind.relativeLikelihoods.map((r) => [
    { text: LIKELIHOOD_NAMES[r.indicator] ?? r.indicator }, { text: r.numeratorGroup }, { text: r.denominatorGroup },
    orSuppressed(r.suppressed, num(r.ratio)), orSuppressed(r.suppressed, num(r.lower)), orSuppressed(r.suppressed, num(r.upper)),
  ]);
  const alt = 'Relative likelihoods with 95% confidence intervals, on a log scale, against the line of equality at 1 (numerator group over denominator group). '
    + ind.relativeLikelihoods.map((r) => `${label(r)}: ${r.suppressed ? 'suppressed' : `${fmt(r.ratio)} (95% CI ${fmt(r.lower)} to ${fmt(r.upper)})`}`).join('; ') + '.';
  return figure('Relative likelihoods (WRES), with 95% intervals; the dashed line at 1 is equality',
    intervalChart(estimates, { log: true, reference: 1, x: 'Relative likelihood (log scale) →' }), alt,
    ['Indicator', 'Numerator group', 'Denominator group', 'Relative likelihood', 'Lower 95%', 'Upper 95%'], rows, 'likelihoods');
}

function rateFigure(title: string, name: string, rates: RateRow[]): HTMLElement {
  const per = rates[0]?.per ?? 100;
  const estimates: Estimate[] = rates.map((r) => ({ label: r.group, estimate: r.rate, lower: r.lower, upper: r.upper, suppressed: r.suppressed || r.rate === null }));
  const rows: Row[] = rates.map((r) => [
    { text: r.group }, orSuppressed(r.suppressed && r.events === null, num(r.events, 0)), orSuppressed(r.suppressed, num(r.personYears, 0)),
    orSuppressed(r.suppressed, num(r.rate)), orSuppressed(r.suppressed, num(r.lower)), orSuppressed(r.suppressed, num(r.upper)),
  ]);
  const alt = `${title} per ${per} person-years with 95% intervals. `
    + rates.map((r) => `${r.group}: ${r.suppressed ? 'suppressed' : `${fmt(r.rate)} (${fmt(r.lower)} to ${fmt(r.upper)})`}`).join('; ') + '.';
  return figure(`${title} per ${per} person-years`, intervalChart(estimates, { x: `${title} per ${per} person-years →` }), alt,
    ['Group', 'Events', 'Person-years', 'Rate', 'Lower 95%', 'Upper 95%'], rows, name);
}

function brokenRungFigure(ind: Indicators): HTMLElement {
  const label = (r: BrokenRung): string => `${r.focalGroup} / ${r.referenceGroup}`;
  const estimates: Estimate[] = ind.brokenRung.map((r) => ({ label: label(r), estimate: r.ratio, lower: r.lower, upper: r.upper, suppressed: r.suppressed || r.ratio === null }));
  const rows: Row[] = ind.brokenRung.map((r) => [{ text: r.focalGroup }, { text: r.referenceGroup }, orSuppressed(r.suppressed, num(r.ratio)), orSuppressed(r.suppressed, num(r.lower)), orSuppressed(r.suppressed, num(r.upper))]);
  const alt = 'Broken-rung ratio: the rate of first moves from level 2 or below to level 3 or above, focal group over reference group, with 95% intervals. '
    + ind.brokenRung.map((r) => `${label(r)}: ${r.suppressed ? 'suppressed' : `${fmt(r.ratio)} (${fmt(r.lower)} to ${fmt(r.upper)})`}`).join('; ') + '.';
  return figure('Broken-rung ratio (moves from level ≤ 2 to ≥ 3), focal over reference', intervalChart(estimates, { log: true, reference: 1, x: 'Ratio (log scale) →' }), alt,
    ['Focal group', 'Reference group', 'Ratio', 'Lower 95%', 'Upper 95%'], rows, 'broken-rung');
}

// ---- trends -------------------------------------------------------------------------------------

function trendPath(format?: string): string {
  const q = state.query;
  if (!q) return '';
  const indicator = $<HTMLSelectElement>('trend-indicator').value;
  const query: Record<string, string> = { ...q, interval: $<HTMLSelectElement>('trend-interval').value };
  if (format) query.format = format;
  return `/v1/trends/${encodeURIComponent(indicator)}?${params(query)}`;
}

async function showTrend(): Promise<void> {
  if (!state.query) return;
  window.clearInterval(state.trend.timer);
  state.trend = { path: trendPath(), etag: null, body: null, timer: undefined, polls: 0, notModified: 0 };
  await pollTrend();
  const seconds = Math.max(2, Number($<HTMLInputElement>('trend-poll').value) || 30);
  state.trend.timer = window.setInterval(() => void pollTrend(), seconds * 1000);
}

async function pollTrend(): Promise<void> {
  const t = state.trend;
  const path = t.path;
  const answer = await get<Trend>(path, { etag: t.etag });
  if (path !== state.trend.path) return;
  t.polls += 1;
  const at = new Date().toLocaleTimeString('en-GB');
  if (answer.status === 304) {
    t.notModified += 1;
    $('trend-poll-status').textContent = `Checked at ${at}: unchanged (304), ${t.notModified} of ${t.polls} checks.`;
    return;
  }
  if (!answer.body) {
    window.clearInterval(t.timer);
    return refused(answer.status, answer.problem);
  }
  t.etag = answer.etag;
  t.body = answer.body;
  $('trend-poll-status').textContent = `Checked at ${at}: new figures. The trend is checked again every ${$<HTMLInputElement>('trend-poll').value} seconds.`;
  $('trends-body').replaceChildren(trendFigure(answer.body));
}

function estimatesOf(value: unknown): Array<Omit<Point, 'date' | 'period'>> {
  const one = (v: Record<string, unknown>): Omit<Point, 'date' | 'period'> => ({
    series: String(v.group ?? (v.focalGroup ? `${String(v.focalGroup)} / ${String(v.referenceGroup)}` : `${String(v.numeratorGroup)} / ${String(v.denominatorGroup)}`)),
    estimate: (v.rate ?? v.ratio ?? null) as number | null, lower: (v.lower ?? null) as number | null, upper: (v.upper ?? null) as number | null,
    suppressed: v.suppressed === true || (v.rate ?? v.ratio ?? null) === null,
  });
  if (Array.isArray(value)) return value.map((v) => one(v as Record<string, unknown>));
  if (value && typeof value === 'object') return [one(value as Record<string, unknown>)];
  return [];
}

function trendFigure(trend: Trend): HTMLElement {
  const points: Point[] = trend.points.flatMap((p) => estimatesOf(p.value).map((e) => ({ ...e, period: p.period, date: new Date(`${p.from}T00:00:00Z`) })));
  const series = [...new Set(points.map((p) => p.series))];
  const isRatio = !trend.indicator.endsWith('-rate');
  const name = $<HTMLSelectElement>('trend-indicator').selectedOptions[0]?.textContent ?? trend.indicator;
  const yLabel = isRatio ? '↑ Ratio (1 = equality)' : '↑ Per 100 person-years';
  const rows: Row[] = points.map((p) => [{ text: p.period }, { text: p.series }, orSuppressed(p.suppressed, num(p.estimate)), orSuppressed(p.suppressed, num(p.lower)), orSuppressed(p.suppressed, num(p.upper))]);
  const hidden = points.filter((p) => p.suppressed).length;
  const alt = `${name} for each ${$<HTMLSelectElement>('trend-interval').value}, ${trend.points[0]?.period ?? ''} to ${trend.points.at(-1)?.period ?? ''}, with 95% bands. `
    + series.map((s) => `${s}: ${points.filter((p) => p.series === s).map((p) => `${p.period} ${p.suppressed ? 'suppressed' : fmt(p.estimate)}`).join(', ')}`).join('. ')
    + (hidden ? `. ${hidden} points are suppressed, shown as gaps with a cross on the axis.` : '.');
  return figure(`${name} over time (${trend.disclosure})`, trendChart(points, { y: yLabel, reference: isRatio ? 1 : undefined, series }), alt,
    ['Period', 'Series', 'Estimate', 'Lower 95%', 'Upper 95%'], rows, 'trend');
}

// ---- programme monitoring -----------------------------------------------------------------------

let monitoring: Monitoring | null = null;

async function showMonitoring(): Promise<void> {
  const q = state.query;
  if (!q) return;
  const answer = await get<Monitoring>(`/v1/programmes/${encodeURIComponent(q.orgId)}/monitoring?${params({ from: q.from, to: q.to, grouping: q.grouping })}`);
  if (!answer.body) {
    $('programmes-body').replaceChildren(el('p', { class: 'message' }, document.createTextNode(refusal(answer.status, answer.problem))));
    return;
  }
  monitoring = answer.body;
  renderMonitoring(answer.body);
}

function renderMonitoring(m: Monitoring): void {
  if (!m.kinds.length) {
    $('programmes-body').replaceChildren(el('p', {}, document.createTextNode('No programme took place in this organisation and period.')));
    return;
  }
  const bars: Bar[] = m.kinds.flatMap((k) => k.groups.map((g) => ({ facet: k.programmeKind, group: g.group, value: g.takeUp.suppressed ? null : g.takeUp.share, suppressed: g.takeUp.suppressed })));
  const rows: Row[] = m.kinds.flatMap((k) => k.groups.map((g) => [
    { text: k.programmeKind }, { text: g.group },
    orSuppressed(g.takeUp.suppressed, { text: pct(g.takeUp.share), num: true }),
    orSuppressed(g.outcomes.suppressed, { text: pct(g.outcomes.completionRate), num: true }),
    orSuppressed(g.outcomes.suppressed, { text: pct(g.outcomes.withdrawalRate), num: true }),
    orSuppressed(g.protectedTime.suppressed, { text: pct(g.protectedTime.share), num: true }),
  ]));
  const alt = `Share of people in post who took part, by programme kind and group, ${m.from} to ${m.to}. `
    + m.kinds.map((k) => `${k.programmeKind}: ${k.groups.map((g) => `${g.group} ${g.takeUp.suppressed ? 'suppressed' : pct(g.takeUp.share)}`).join(', ')}`).join('; ') + '.';
  $('programmes-body').replaceChildren(figure('Programme take-up by group', barChart(bars, { x: 'Share of people in post who took part', facet: 'Programme', groups: m.groups, max: 1 }), alt,
    ['Programme', 'Group', 'Take-up', 'Completed', 'Withdrew', 'With protected time'], rows, 'monitoring'));
}

// ---- studies (research keys) --------------------------------------------------------------------

interface StudySummary { id: string; name: string }
interface Headline { arm: string; outcome: string; month: number; estimate: number | null; lower: number | null; upper: number | null; suppressed: boolean; reason: string | null }

async function loadStudies(): Promise<void> {
  const answer = await get<{ studies?: StudySummary[] } | StudySummary[]>('/v1/studies');
  if (!answer.body) return;
  const list = Array.isArray(answer.body) ? answer.body : answer.body.studies ?? [];
  $<HTMLSelectElement>('study').replaceChildren(...list.map((s) => new Option(s.name, s.id)));
  if (!list.length) $('studies-body').replaceChildren(el('p', {}, document.createTextNode('No studies over your organisations yet.')));
}

async function showStudy(): Promise<void> {
  const id = $<HTMLSelectElement>('study').value;
  if (!id) return;
  const answer = await get<{ name?: string; disclosure?: string; headline?: { cells: Headline[] } }>(`/v1/studies/${encodeURIComponent(id)}/report`);
  if (!answer.body) return refused(answer.status, answer.problem);
  const headline = answer.body.headline?.cells ?? [];
  const rows: Row[] = headline.map((h) => [
    { text: h.arm }, { text: h.outcome }, { text: String(h.month) },
    h.reason === 'beyond-follow-up' ? { text: 'beyond follow-up' } : orSuppressed(h.suppressed, num(h.estimate, 3)), orSuppressed(h.suppressed, num(h.lower, 3)), orSuppressed(h.suppressed, num(h.upper, 3)),
  ]);
  const estimates: Estimate[] = headline.map((h) => ({ label: `${h.arm}, ${h.outcome}, ${h.month} months`, estimate: h.estimate, lower: h.lower, upper: h.upper, suppressed: h.suppressed }))
    .filter((e, i) => headline[i].reason !== 'beyond-follow-up');
  const alt = `Headline estimates of study ${answer.body.name ?? id} at each checkpoint, with 95% intervals (${answer.body.disclosure ?? 'protected'}). `
    + estimates.map((e) => `${e.label}: ${e.suppressed ? 'suppressed' : `${fmt(e.estimate, 3)} (${fmt(e.lower, 3)} to ${fmt(e.upper, 3)})`}`).join('; ') + '.';
  $('studies-body').replaceChildren(figure(`Headline table: ${answer.body.name ?? id}`, intervalChart(estimates, { x: 'Estimate at checkpoint →' }), alt,
    ['Arm', 'Outcome', 'Months', 'Estimate', 'Lower 95%', 'Upper 95%'], rows, 'study-headline'));
}

// ---- CSV ----------------------------------------------------------------------------------------

/** Saves the API's own CSV of what is shown: the same figures, under the same disclosure control. */
async function downloadCsv(path: string, file: string): Promise<void> {
  if (!path) return say('view-message', 'Show something first.');
  const answer = await get<string>(path, { accept: 'text/csv' });
  if (answer.status !== 200 || answer.body === null) return refused(answer.status, answer.problem);
  if (typeof answer.body !== 'string') return say('view-message', 'Rung did not answer with CSV.');
  saveFile(file, answer.body);
}

// ---- wiring -------------------------------------------------------------------------------------

function start(): void {
  const year = new Date().getUTCFullYear() - 1;
  $<HTMLInputElement>('from').value = isoDate(new Date(Date.UTC(year, 0, 1)));
  $<HTMLInputElement>('to').value = isoDate(new Date(Date.UTC(year, 11, 31)));
  $('key-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void signIn($<HTMLInputElement>('key-input').value.trim());
  });
  $('sign-out').addEventListener('click', signOut);
  $('query-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void showAll();
  });
  $('trend-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void showTrend();
  });
  $('study-form').addEventListener('submit', (e) => {
    e.preventDefault();
    void showStudy();
  });
  $('indicators-csv').addEventListener('click', () => {
    const q = state.query;
    void downloadCsv(q ? `/v1/indicators?${params({ ...q, format: 'csv' })}` : '', 'rung-indicators.csv');
  });
  $('trends-csv').addEventListener('click', () => void downloadCsv(trendPath('csv'), 'rung-trend.csv'));
  $('programmes-csv').addEventListener('click', () => {
    const q = state.query;
    void downloadCsv(q ? `/v1/programmes/${encodeURIComponent(q.orgId)}/monitoring?${params({ from: q.from, to: q.to, grouping: q.grouping, format: 'csv' })}` : '', 'rung-programme-monitoring.csv');
  });
  $('studies-csv').addEventListener('click', () => {
    const id = $<HTMLSelectElement>('study').value;
    void downloadCsv(id ? `/v1/studies/${encodeURIComponent(id)}/report?format=csv` : '', 'rung-study-report.csv');
  });
  for (const r of document.querySelectorAll<HTMLElement>('section[id]')) r.setAttribute('tabindex', '-1');
  // Charts are drawn for the width they have: draw them again when it changes (a phone turned, a window resized).
  let drawnFor = window.innerWidth;
  let pending: number | undefined;
  window.addEventListener('resize', () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => {
      if (Math.abs(window.innerWidth - drawnFor) < 40) return;
      drawnFor = window.innerWidth;
      if (state.indicators) renderIndicators(state.indicators);
      if (state.trend.body) $('trends-body').replaceChildren(trendFigure(state.trend.body));
      if (monitoring?.kinds.length) renderMonitoring(monitoring);
    }, 150);
  });
  const key = storedKey();
  if (key) void signIn(key);
}

start();
