import { get, refusal, saveFile, storedKey, storeKey } from './api';
import { $, isoDate, refused, say, UNAUTHORISED } from './dom';
import { clearIndicators, indicatorsPath, renderIndicators, showIndicators } from './indicators-view';
import { clearMonitoring, monitoringPath, renderMonitoring, showMonitoring } from './programmes-view';
import { clearStudies, loadStudies, renderStudy, showStudy, studyPath } from './studies-view';
import { clearTrend, renderTrend, showTrend, trendPath } from './trends-view';
import type { Query, Session } from './types';

let query: Query | null = null;

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
  say('key-message', '');
  $<HTMLInputElement>('key-input').value = '';
  $('sign-in').hidden = true;
  $('app').hidden = false;
  showSession(session);
  $('session-title').focus();
}

function showSession(session: Session): void {
  $('session-name').textContent = `${session.name} (${session.keyId})`;
  $('session-roles').textContent = session.roles.join(', ');
  $('session-orgs').textContent = session.orgIds.includes('*') ? 'All organisations' : session.orgIds.join(', ');
  $('session-disclosure').textContent = disclosureText(session.disclosure);
  $('status-disclosure').textContent = `Disclosure: ${session.disclosure ?? 'protected'}`;
  $('status-period').textContent = 'Choose an organisation and period, then Show.';
  $('status-asof').textContent = '';
  const research = session.roles.includes('research');
  $('studies').hidden = !research;
  $('studies-link').hidden = !research;
  const select = $<HTMLSelectElement>('org');
  const anyOrg = session.orgIds.includes('*');
  select.replaceChildren(...session.orgIds.filter((o) => o !== '*').map((o) => new Option(o, o)));
  select.hidden = anyOrg;
  $('org-text').hidden = !anyOrg;
  select.previousElementSibling?.setAttribute('for', anyOrg ? 'org-text' : 'org');
  if (research) void loadStudies();
}

function disclosureText(mode: string | null): string {
  if (mode === 'exact') return 'exact: figures equal the exact estimates; counts from 1 to k − 1 are suppressed';
  return 'protected: counts are randomly rounded (cell key) and small cells suppressed, so no one can be picked out';
}

function signOut(): void {
  storeKey(null);
  query = null;
  clearIndicators();
  clearTrend();
  clearMonitoring();
  clearStudies();
  $('app').hidden = true;
  $('sign-in').hidden = false;
  $('key-input').focus();
}

// ---- what to show -------------------------------------------------------------------------------

function readQuery(): Query {
  const select = $<HTMLSelectElement>('org');
  const orgId = select.hidden ? $<HTMLInputElement>('org-text').value.trim() : select.value;
  return { orgId, from: $<HTMLInputElement>('from').value, to: $<HTMLInputElement>('to').value, grouping: $<HTMLSelectElement>('grouping').value };
}

async function showAll(): Promise<void> {
  const q = readQuery();
  if (!q.orgId) return say('view-message', 'Choose an organisation.');
  query = q;
  say('view-message', '');
  await Promise.all([showIndicators(q), showTrend(q), showMonitoring(q)]);
}

/** Saves the API's own CSV of what is shown: the same figures, under the same disclosure control. */
async function downloadCsv(path: string, file: string): Promise<void> {
  if (!path) return say('view-message', 'Show something first.');
  const answer = await get<string>(path, { accept: 'text/csv' });
  if (answer.status !== 200 || answer.body === null) return refused(answer.status, answer.problem);
  if (typeof answer.body !== 'string') return say('view-message', 'Rung did not answer with CSV.');
  saveFile(file, answer.body);
}

// ---- wiring -------------------------------------------------------------------------------------

function onSubmit(formId: string, action: () => Promise<void>): void {
  $(formId).addEventListener('submit', (e) => {
    e.preventDefault();
    void action();
  });
}

function onClick(id: string, action: () => Promise<void> | void): void {
  $(id).addEventListener('click', () => void action());
}

/** Charts are drawn for the width they have: draw them again when it changes (a phone turned, a window resized). */
function redrawOnResize(): void {
  let drawnFor = window.innerWidth;
  let pending: number | undefined;
  window.addEventListener('resize', () => {
    window.clearTimeout(pending);
    pending = window.setTimeout(() => {
      if (Math.abs(window.innerWidth - drawnFor) < 40) return;
      drawnFor = window.innerWidth;
      renderIndicators();
      renderTrend();
      renderMonitoring();
      renderStudy();
    }, 150);
  });
}

function start(): void {
  const year = new Date().getUTCFullYear() - 1;
  $<HTMLInputElement>('from').value = isoDate(new Date(Date.UTC(year, 0, 1)));
  $<HTMLInputElement>('to').value = isoDate(new Date(Date.UTC(year, 11, 31)));
  onSubmit('key-form', () => signIn($<HTMLInputElement>('key-input').value.trim()));
  onSubmit('query-form', showAll);
  onSubmit('trend-form', async () => (query ? showTrend(query) : say('view-message', 'Show something first.')));
  onSubmit('study-form', showStudy);
  onClick('sign-out', signOut);
  onClick('indicators-csv', () => downloadCsv(query ? indicatorsPath(query, 'csv') : '', 'rung-indicators.csv'));
  onClick('trends-csv', () => downloadCsv(trendPath(query, 'csv'), 'rung-trend.csv'));
  onClick('programmes-csv', () => downloadCsv(query ? monitoringPath(query, 'csv') : '', 'rung-programme-monitoring.csv'));
  onClick('studies-csv', () => downloadCsv(studyPath('csv'), `rung-study-${$<HTMLSelectElement>('study-part').value}.csv`));
  window.addEventListener(UNAUTHORISED, signOut);
  for (const section of document.querySelectorAll<HTMLElement>('section[id]')) section.setAttribute('tabindex', '-1');
  redrawOnResize();
  const key = storedKey();
  if (key) void signIn(key);
}

start();
