import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Simulation } from '@rung/simulator';
import { bearer, createKey, startTestApp, type TestApp } from '@rung/testing';
import { defineDemoStudy } from '../apps/cli/src/demo/demo-study';

/**
 * The dashboard page (SPEC §13) in a real browser: Debian's chromium, driven by playwright-core (which
 * never downloads a browser), against the all-in-one app on a small simulated workforce.
 */
const CHROMIUM = '/usr/bin/chromium';
const ROOT = join(__dirname, '..');
const OUT = join(ROOT, '.ci', 'out');
const ORG = 'sim-cs-2';
const PERIOD = { from: '2022-01-01', to: '2022-12-31' };

interface RateRow { group: string; rate: number | null; suppressed: boolean }
interface Indicators { leavingRate: RateRow[]; promotionRate: RateRow[]; relativeLikelihoods: Array<{ indicator: string; ratio: number | null; suppressed: boolean }>; disclosure: string }
interface Share { share?: number | null; minorityShare?: number | null; assigned?: number | null; suppressed: boolean }
interface Monitoring { kinds: Array<{ programmeKind: string; groups: Array<{ group: string; takeUp: Share; mentors: Share }> }> }
interface Estimate { estimate: number | null; lower: number | null; upper: number | null; suppressed: boolean }
interface StudyReport {
  disclosure: string; asOf: string;
  trajectories: Array<{ arm: string; outcome: string; curve: Array<{ suppressed: boolean }> }>;
  headline: { months: number[]; cells: Array<Estimate & { arm: string; outcome: string; month: number; reason: string | null }> };
  logRank: Array<{ outcome: string; chiSquare: number | null; pValue: number | null; suppressed: boolean }>;
  rateRatios: Array<{ outcome: string; numerator: string; ratio: number | null; lower: number | null; upper: number | null; suppressed: boolean }>;
}

/** axe-core at both widths, with no serious or critical violation. It runs through the DevTools protocol, so the page's own CSP stays as it is. */
async function expectNoSeriousViolations(page: Page): Promise<void> {
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // A string, evaluated in the page: this file is type-checked without the DOM library.
    const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
      .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: JSON.stringify(v.nodes[0]).slice(0, 300) })))`)) as Array<{ id: string; impact: string | null }>;
    const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect({ width, serious }).toEqual({ width, serious: [] });
  }
}

/** Both widths, whole page, into .ci/out/, after checking that nothing runs off the side. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate('window.scrollTo(0, 0)');
    // Charts are drawn again for the new width once the resize settles: wait until none is left at another width.
    const drawn = await page.evaluate("Math.max(300, Math.min(1100, document.querySelector('main').clientWidth - 80))");
    await page.locator(`svg[data-chart]:not([width="${String(drawn)}"])`).first().waitFor({ state: 'detached' });
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect({ width, overflow }).toEqual({ width, overflow: 0 });
    await page.screenshot({ path: join(OUT, `${name}-${width}.png`), fullPage: true });
  }
}

async function load(t: TestApp, sim: Simulation): Promise<void> {
  const events = [...sim.events()];
  for (let i = 0; i < events.length; i += 1000) {
    const res = await fetch(`${t.url}/v1/events`, {
      method: 'POST', headers: { ...bearer(t.keys.ingest), 'content-type': 'application/json' }, body: JSON.stringify({ events: events.slice(i, i + 1000) }),
    });
    if (res.status !== 200) throw new Error(`loading events: ${res.status} ${await res.text()}`);
  }
}

async function cellTexts(page: Page, figure: string, within = 'figure[data-figure'): Promise<string[][]> {
  return page.$$eval(`${within}="${figure}"] tbody tr`, (rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));
}

/** Clicks a download button and reads what the browser saved. */
async function download(page: Page, button: string): Promise<{ name: string; lines: string[] }> {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  return { name: saved.suggestedFilename(), lines: readFileSync(await saved.path(), 'utf8').split('\r\n') };
}

/** A figure as the page writes it: three decimals, or the reason there is none. */
function shown(e: Estimate & { reason?: string | null }, digits = 3): string {
  if (e.reason === 'beyond-follow-up') return 'beyond follow-up';
  if (e.suppressed || e.estimate === null) return 'suppressed';
  return `${e.estimate.toFixed(digits)} (${e.lower!.toFixed(digits)} to ${e.upper!.toFixed(digits)})`;
}

describe('the dashboard page in chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let key: { id: string; secret: string };
  let research: { id: string; secret: string };
  let studyId: string;
  const requests: string[] = [];
  const responses: Array<{ url: string; status: number }> = [];
  const cspErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium). This test drives it with playwright-core and never downloads a browser.`);
    }
    // The page as `npm run build` makes it, from the current sources.
    execFileSync(process.execPath, [join(ROOT, 'apps', 'dashboard', 'build.js')], { cwd: ROOT, stdio: 'inherit' });
    mkdirSync(OUT, { recursive: true });
    t = await startTestApp();
    const sim = new Simulation({ orgs: 2, subjects: 3000, years: 3, start: '2021-04-01', mentoring: { enrolmentShare: 0.25, cohorts: 2 }, seed: 5 });
    await load(t, sim);
    key = await createKey(t.url, { name: 'Board dashboard', role: 'dashboard', orgIds: [ORG] });
    // The demo's own mentoring study, defined with a research key over both organisations, as `rung demo` does.
    const truth = sim.groundTruth();
    const orgIds = truth.orgs.map((o) => o.orgId);
    research = await createKey(t.url, { name: 'Evaluator', role: 'research', orgIds });
    const mentoringOpens = truth.programmes.find((p) => p.kind === 'mentoring')!.enrolmentFrom;
    const study = await defineDemoStudy({ url: t.url, orgIds, from: truth.window.from, to: truth.window.to, mentoringOpens, keys: { ingest: t.keys.ingest, research: research.secret, exact: research.secret, dashboard: key.secret } });
    if (study.kind !== 'defined') throw new Error(`the demo study was not defined: ${JSON.stringify(study)}`);
    studyId = study.ids.study;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('response', (r) => responses.push({ url: r.url(), status: r.status() }));
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
    });
    page.on('pageerror', (e) => cspErrors.push(`page error: ${e.message}`));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('refuses a wrong key with a clear message, and one without a reading role', async () => {
    await page.goto(`${t.url}/`);
    await page.fill('#key-input', 'rung_madeUpKeyThatNobodyWasEverGiven0123456789abc');
    await page.click('#key-form button[type=submit]');
    await page.locator('#key-message', { hasText: '401' }).waitFor();
    expect(await page.textContent('#key-message')).toContain('not recognised');
    await page.fill('#key-input', t.keys.metrics);
    await page.keyboard.press('Enter');
    await page.locator('#key-message', { hasText: '403' }).waitFor();
    expect(await page.isVisible('#app')).toBe(false);
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  }, 60_000);

  it('takes a dashboard key, shows who it is, and renders the indicators with real numbers, suppressed cells as suppressed', async () => {
    await page.fill('#key-input', key.secret);
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('#app:not([hidden])');
    expect(await page.textContent('#session-name')).toContain('Board dashboard');
    expect(await page.textContent('#session-roles')).toBe('dashboard');
    expect(await page.textContent('#session-orgs')).toBe(ORG);
    expect(await page.textContent('#session-disclosure')).toMatch(/^protected/);
    expect(await page.evaluate("sessionStorage.getItem('rung.apiKey')")).toBe(key.secret);
    expect(await page.evaluate('localStorage.length')).toBe(0);

    await page.fill('#from', PERIOD.from);
    await page.fill('#to', PERIOD.to);
    await page.fill('#trend-poll', '2');
    await page.click('#query-form button[type=submit]');
    await page.waitForSelector('figure[data-figure="broken-rung"] svg[data-chart]');
    await page.waitForSelector('figure[data-figure="trend"] svg[data-chart]');
    expect(await page.textContent('#status-disclosure')).toBe('Disclosure: protected');
    expect(await page.textContent('#status-period')).toContain(`${PERIOD.from} to ${PERIOD.to}`);
    expect(await page.textContent('#status-asof')).toMatch(/as at \d{4}-\d{2}-\d{2}/);

    // The same figures the API gives this key.
    const api = (await (await fetch(`${t.url}/v1/indicators?orgId=${ORG}&from=${PERIOD.from}&to=${PERIOD.to}&grouping=wres`, { headers: bearer(key.secret) })).json()) as Indicators;
    expect(api.disclosure).toBe('protected');
    const representation = await cellTexts(page, 'representation');
    expect(representation.some((r) => /^\d+(\.\d)?%$/.test(r[3]))).toBe(true);
    let suppressedRows = 0;
    for (const [figure, rates] of [['leaving', api.leavingRate], ['promotion', api.promotionRate]] as const) {
      const rows = await cellTexts(page, figure);
      for (const rate of rates) {
        const row = rows.find((r) => r[0] === rate.group)!;
        if (rate.suppressed) {
          suppressedRows += 1;
          expect({ figure, group: rate.group, shown: row[3] }).toEqual({ figure, group: rate.group, shown: 'suppressed' });
        } else {
          expect(Number(row[3].replace(/,/g, ''))).toBeCloseTo(rate.rate!, 2);
        }
      }
    }
    const likelihoods = await cellTexts(page, 'likelihoods');
    for (const rl of api.relativeLikelihoods) {
      const row = likelihoods[api.relativeLikelihoods.indexOf(rl)];
      if (rl.suppressed) suppressedRows += 1;
      expect(row[3]).toBe(rl.suppressed ? 'suppressed' : rl.ratio!.toFixed(2));
    }
    // The small organisation has suppressed figures, and the charts draw them as suppressed, never as zero.
    expect(suppressedRows).toBeGreaterThan(0);
    const chartLabels = await page.$$eval('figure .chart svg text', (nodes) => nodes.map((n) => n.textContent ?? ''));
    expect(chartLabels.filter((s) => /suppressed/.test(s)).length).toBeGreaterThan(0);
    expect(await page.$$eval('[data-suppressed="true"]', (n) => n.length)).toBeGreaterThan(0);
    // The line of equality is on the likelihood chart, and the numerator and denominator are named.
    expect(likelihoods.map((r) => `${r[1]}/${r[2]}`)).toEqual(expect.arrayContaining(['white/bme', 'bme/white']));
  }, 120_000);

  it('polls the trend with If-None-Match and gets a 304 that keeps the chart', async () => {
    await page.locator('#trend-poll-status', { hasText: '304' }).waitFor({ timeout: 20_000 });
    const trend = responses.filter((r) => r.url.includes('/v1/trends/'));
    expect(trend[0].status).toBe(200);
    expect(trend.some((r) => r.status === 304)).toBe(true);
    expect(await page.$$eval('figure[data-figure="trend"] svg[data-chart][role="img"]', (n) => n.length)).toBe(1);
    const points = await cellTexts(page, 'trend');
    expect(points.length).toBeGreaterThan(4);
  }, 60_000);

  it('shows programme monitoring with the API\'s take-up figures', async () => {
    await page.waitForSelector('figure[data-figure="monitoring"] svg[data-chart]');
    const api = (await (await fetch(`${t.url}/v1/programmes/${ORG}/monitoring?from=${PERIOD.from}&to=${PERIOD.to}&grouping=wres`, { headers: bearer(key.secret) })).json()) as Monitoring;
    const rows = await cellTexts(page, 'monitoring');
    const percent = (s: Share, value: number | null | undefined): string => (s.suppressed ? 'suppressed' : value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`);
    const expected = api.kinds.flatMap((k) => k.groups.map((g) => [k.programmeKind, g.group, percent(g.takeUp, g.takeUp.share), g.mentors.assigned || g.mentors.suppressed ? percent(g.mentors, g.mentors.minorityShare) : '–']));
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.map((r) => [r[0], r[1], r[2], r[6]])).toEqual(expected);
    expect(expected.some((r) => r[0] === 'mentoring' && /^\d+\.\d%$/.test(r[2]))).toBe(true);
    // The simulated mentees name their mentors, so the mentors' diversity has figures too.
    expect(expected.some((r) => r[0] === 'mentoring' && /^\d+\.\d%$/.test(r[3]))).toBe(true);
  }, 60_000);

  it('downloads the API\'s own CSV of the indicators, the trend and the monitoring shown', async () => {
    const indicators = await download(page, '#indicators-csv');
    expect(indicators.name).toBe('rung-indicators.csv');
    expect(indicators.lines[0]).toBe('org_id,indicator,grouping,period,from,to,level,group,reference_group,count,denominator,value,lower,upper,suppressed');
    expect(indicators.lines.some((l) => l.includes(',leaving-rate,wres,,'))).toBe(true);
    const trend = await download(page, '#trends-csv');
    expect(trend.name).toBe('rung-trend.csv');
    expect(trend.lines.filter((l) => l.startsWith(`${ORG},leaving-rate,wres,`)).length).toBeGreaterThan(4);
    const monitoring = await download(page, '#programmes-csv');
    expect(monitoring.name).toBe('rung-programme-monitoring.csv');
    expect(monitoring.lines.some((l) => l.includes('mentoring'))).toBe(true);
    for (const path of ['/v1/indicators?', '/v1/trends/leaving-rate?', `/v1/programmes/${ORG}/monitoring?`]) {
      expect({ path, csv: responses.some((r) => r.url.includes(path) && r.url.includes('format=csv') && r.status === 200) }).toEqual({ path, csv: true });
    }
  }, 60_000);

  it('is keyboard operable, has a table view, and passes axe-core with no serious or critical violations', async () => {
    const toggle = page.locator('figure[data-figure="representation"] button[aria-controls]');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.isVisible('figure[data-figure="representation"] table')).toBe(true);
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    await expectNoSeriousViolations(page);
  }, 120_000);

  it('lays out at 1,280 and 390 pixels wide, and saves screenshots', async () => {
    await screenshots(page, 'dashboard');
  }, 60_000);

  it('shows a research key its study: curves per arm with bands and checkpoint markers, the headline table, the log-rank and rate-ratio results', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('#sign-out');
    await page.fill('#key-input', research.secret);
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('#studies:not([hidden])');
    // Nothing of the last key's views is left on screen.
    expect(await page.$$eval('#indicators-body figure, #trends-body figure, #programmes-body figure', (n) => n.length)).toBe(0);
    expect(await page.textContent('#trend-poll-status')).toBe('');
    await page.locator(`#study option[value="${studyId}"]`).waitFor({ state: 'attached' });
    await page.click('#study-form button[type=submit]');
    await page.waitForSelector('figure[data-figure="study-rate-ratios"] svg[data-chart]');
    const api = (await (await fetch(`${t.url}/v1/studies/${studyId}/report`, { headers: bearer(research.secret) })).json()) as StudyReport;
    expect(api.disclosure).toBe('protected');
    expect(await page.textContent('#status-asof')).toContain(`Study report as of ${api.asOf}`);
    expect(await page.textContent('#status-disclosure')).toBe('Disclosure: protected');

    // One chart per outcome: each arm's curve and band, a dashed line per checkpoint, each arm's headline estimate on it.
    for (const outcome of ['promotion', 'exit', 'level-3']) {
      const chart = `figure[data-figure="study-curve-${outcome}"] svg[data-chart]`;
      const count = (selector: string): Promise<number> => page.$$eval(`${chart} ${selector}`, (n) => n.length);
      expect({ outcome, curves: await count('g.curve path'), bands: await count('g.band path'), checkpoints: await count('g.checkpoint line') })
        .toEqual({ outcome, curves: 2, bands: 2, checkpoints: api.headline.months.length });
      const marked = api.headline.cells.filter((c) => c.outcome === outcome && !c.suppressed && c.estimate !== null).length;
      expect({ outcome, marks: await count('g.headline-mark path') }).toEqual({ outcome, marks: marked });
      const withheld = api.trajectories.filter((tr) => tr.outcome === outcome).some((tr) => tr.curve.some((r) => r.suppressed));
      expect({ outcome, hatched: (await count('g.withheld rect')) > 0 }).toEqual({ outcome, hatched: withheld });
    }

    // The headline table, the log-rank tests and the rate ratios: the API's figures.
    const headline = await cellTexts(page, 'study-headline', 'div[data-table');
    expect(headline.map((r) => [r[1], r[2], r[3]])).toEqual(api.headline.cells.map((c) => [String(c.month), c.arm, shown(c)]));
    expect(headline.some((r) => /^\d\.\d{3} \(/.test(r[3]))).toBe(true);
    const logRank = await cellTexts(page, 'study-log-rank', 'div[data-table');
    expect(logRank.map((r) => [r[2], r[4]])).toEqual(api.logRank.map((l) => (l.suppressed ? ['suppressed', 'suppressed'] : [l.chiSquare!.toFixed(2), l.pValue! < 0.001 ? '< 0.001' : l.pValue!.toFixed(3)])));
    const ratios = await cellTexts(page, 'study-rate-ratios');
    expect(ratios.map((r) => [r[1], r[5]])).toEqual(api.rateRatios.map((x) => [x.numerator, x.suppressed ? 'suppressed' : x.ratio!.toFixed(2)]));

    await page.selectOption('#study-part', 'comparisons');
    const comparisons = await download(page, '#studies-csv');
    expect(comparisons.name).toBe('rung-study-comparisons.csv');
    expect(comparisons.lines[0]).toBe('outcome,method,arm,compared_with,measure,value,lower,upper,df,p_value,suppressed');
    expect(comparisons.lines.filter((l) => l.includes(',rate-ratio,')).length).toBe(api.rateRatios.length);
    await page.selectOption('#study-part', 'headline');
    expect((await download(page, '#studies-csv')).lines.length).toBeGreaterThan(api.headline.cells.length);

    await expectNoSeriousViolations(page);
    await screenshots(page, 'dashboard-study');
  }, 120_000);

  it('draws the withheld stretches of an exact-mode curve as hatched boxes, and says so in the table', async () => {
    const exact = await createKey(t.url, { name: 'Exact evaluator', role: 'research', orgIds: ['*'], disclosure: 'exact' });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('#sign-out');
    await page.fill('#key-input', exact.secret);
    await page.click('#key-form button[type=submit]');
    await page.locator(`#study option[value="${studyId}"]`).waitFor({ state: 'attached' });
    await page.click('#study-form button[type=submit]');
    await page.waitForSelector('figure[data-figure="study-curve-promotion"] svg[data-chart]');
    expect(await page.textContent('#status-disclosure')).toBe('Disclosure: exact');
    const api = (await (await fetch(`${t.url}/v1/studies/${studyId}/report`, { headers: bearer(exact.secret) })).json()) as StudyReport;
    const withheld = api.trajectories.filter((tr) => tr.outcome === 'promotion').flatMap((tr) => tr.curve).filter((r) => r.suppressed).length;
    expect(withheld).toBeGreaterThan(0);
    expect(await page.$$eval('figure[data-figure="study-curve-promotion"] svg[data-chart] g.withheld rect', (n) => n.length)).toBeGreaterThan(0);
    const rows = await cellTexts(page, 'study-curve-promotion');
    expect(rows.filter((r) => r[4] === 'suppressed')).toHaveLength(withheld);
  }, 60_000);

  it('keeps the key for the tab across a reload, and forgets it when asked', async () => {
    await page.reload();
    await page.waitForSelector('#app:not([hidden])');
    expect(await page.textContent('#session-name')).toContain('Exact evaluator');
    await page.click('#sign-out');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
    await page.reload();
    await page.waitForSelector('#sign-in:not([hidden])');
    expect(await page.isVisible('#app')).toBe(false);
  }, 60_000);

  it('sent no request to any other host, and broke no content-security rule', () => {
    const origin = new URL(t.url).origin;
    const elsewhere = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    expect(cspErrors).toEqual([]);
  });
});
