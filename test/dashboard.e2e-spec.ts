import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Simulation } from '@rung/simulator';
import { bearer, createKey, startTestApp, type TestApp } from '@rung/testing';

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

async function load(t: TestApp, sim: Simulation): Promise<void> {
  const events = [...sim.events()];
  for (let i = 0; i < events.length; i += 1000) {
    const res = await fetch(`${t.url}/v1/events`, {
      method: 'POST', headers: { ...bearer(t.keys.ingest), 'content-type': 'application/json' }, body: JSON.stringify({ events: events.slice(i, i + 1000) }),
    });
    if (res.status !== 200) throw new Error(`loading events: ${res.status} ${await res.text()}`);
  }
}

async function cellTexts(page: Page, figure: string): Promise<string[][]> {
  return page.$$eval(`figure[data-figure="${figure}"] tbody tr`, (rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));
}

describe('the dashboard page in chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let key: { id: string; secret: string };
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
    await load(t, new Simulation({ orgs: 2, subjects: 3000, years: 3, start: '2021-04-01', mentoring: { enrolmentShare: 0.25, cohorts: 1 }, seed: 5 }));
    key = await createKey(t.url, { name: 'Board dashboard', role: 'dashboard', orgIds: [ORG] });
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

  it('downloads the API\'s own CSV of the indicators shown', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#indicators-csv')]);
    const path = await download.path();
    const text = readFileSync(path, 'utf8');
    expect(download.suggestedFilename()).toBe('rung-indicators.csv');
    expect(text.split('\r\n')[0]).toBe('org_id,indicator,grouping,period,from,to,level,group,reference_group,count,denominator,value,lower,upper,suppressed');
    expect(text).toContain(',leaving-rate,wres,,');
    expect(responses.some((r) => r.url.includes('/v1/indicators?') && r.url.includes('format=csv') && r.status === 200)).toBe(true);
  }, 60_000);

  it('is keyboard operable, has a table view, and passes axe-core with no serious or critical violations', async () => {
    const toggle = page.locator('figure[data-figure="representation"] button[aria-controls]');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await page.isVisible('figure[data-figure="representation"] table')).toBe(true);
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');

    // axe runs through the DevTools protocol, so the page's own CSP stays as it is.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      // A string, evaluated in the page: this file is type-checked without the DOM library.
      const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
        .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: JSON.stringify(v.nodes[0]).slice(0, 300) })))`)) as Array<{ id: string; impact: string | null }>;
      const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect({ width, serious }).toEqual({ width, serious: [] });
    }
  }, 120_000);

  it('lays out at 1,280 and 390 pixels wide, and saves screenshots', async () => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.waitForTimeout(600);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      expect({ width, overflow }).toEqual({ width, overflow: 0 });
      await page.screenshot({ path: join(OUT, `dashboard-${width}.png`), fullPage: true });
    }
  }, 60_000);

  it('sent no request to any other host, and broke no content-security rule', () => {
    const origin = new URL(t.url).origin;
    const elsewhere = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
    expect(requests.length).toBeGreaterThan(5);
    expect(cspErrors).toEqual([]);
  });
});
