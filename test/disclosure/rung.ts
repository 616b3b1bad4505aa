import type { App } from 'supertest/types';
import type { CurveRowView, TrajectoryResponse } from '@rung/analytics';
import { DISCLOSURE_MODES, type DisclosureMode } from '@rung/domain';
import { authed, createKey, startTestApp, type TestApp } from '@rung/testing';
import type { CohortDef, Outcome } from './truth';
import { AS_OF, eventsOf, HORIZON_MONTHS, type Person } from './world';

export type Mode = DisclosureMode;
export const MODES: readonly Mode[] = DISCLOSURE_MODES;

/* The parts of the answers that the attacks read: the server's own view types. */

export type CurveRow = CurveRowView;

export type TrajectoryAnswer = Pick<TrajectoryResponse, 'disclosure' | 'asOf' | 'intervalDays' | 'horizonMonths' | 'estimator' | 'n' | 'curve' | 'table'>;

export interface CohortAnswer {
  disclosure?: Mode;
  asOf: string;
  size: number | null;
}

export interface GroupRate {
  group: string;
  headcount: number | null;
  events: number | null;
}

export interface CountPair {
  group: string;
  successes: number | null;
  total: number | null;
}

export interface IndicatorsAnswer {
  disclosure?: Mode;
  orgId: string;
  from: string;
  to: string;
  grouping: 'wres' | 'ons5' | 'white-british';
  representation: { at: string; totals: Array<{ group: string; count: number | null }>; total: number | null };
  leavingRate: GroupRate[];
  promotionRate: GroupRate[];
  relativeLikelihoods: Array<{ indicator: string; numerator: CountPair; denominator: CountPair }>;
}

/** An answer as it came over HTTP: the parsed body, the bytes and the headers. */
export interface Raw<T> {
  body: T;
  text: string;
  headers: Record<string, string>;
}

/** A research key of one disclosure mode, reading answers over HTTP. */
export interface Reader {
  mode: Mode;
  get<T>(path: string): Promise<Raw<T>>;
  cohort(id: string, asOf?: string): Promise<CohortAnswer>;
  trajectory(id: string, outcome: Outcome, asOf?: string): Promise<TrajectoryAnswer>;
  indicators(orgId: string, from: string, to: string, grouping: IndicatorsAnswer['grouping']): Promise<IndicatorsAnswer>;
}

export interface Rung {
  app: TestApp;
  readers: Record<Mode, Reader>;
  load(people: readonly Person[]): Promise<void>;
  /** Defines the cohort once (with the default, protected, research key) and gives its id. */
  define(cohort: CohortDef): Promise<string>;
  /** Stops the app and starts it again on the same data and keys. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A Rung over real HTTP with an exact and a protected research key over every organisation. */
export async function startRung(): Promise<Rung> {
  let app = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
  const exact = await createKey(app.url, { role: 'research', orgIds: ['*'], disclosure: 'exact' });
  const secure = await createKey(app.url, { role: 'research', orgIds: ['*'] });
  const ids = new Map<string, string>();
  const rung: Rung = {
    app,
    readers: { exact: readerOf(app, 'exact', exact.secret), protected: readerOf(app, 'protected', secure.secret) },
    load: async (people) => {
      const events = eventsOf(people);
      for (let i = 0; i < events.length; i += 500) await app.as('ingest').post('/v1/events').send({ events: events.slice(i, i + 500) }).expect(200);
    },
    define: async (cohort) => {
      const key = JSON.stringify(cohort);
      if (!ids.has(key)) ids.set(key, (await app.as('research').post('/v1/cohorts').send(cohort).expect(201)).body.id as string);
      return ids.get(key)!;
    },
    restart: async () => {
      app = await app.restart();
      Object.assign(rung, { app, readers: { exact: readerOf(app, 'exact', exact.secret), protected: readerOf(app, 'protected', secure.secret) } });
    },
    close: () => app.close(),
  };
  return rung;
}

function readerOf(app: TestApp, mode: Mode, secret: string): Reader {
  const http = app.app.getHttpServer() as App;
  const get = async <T>(path: string): Promise<Raw<T>> => {
    const res = await authed(http, secret).get(path);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.text}`);
    return { body: res.body as T, text: res.text, headers: res.headers as Record<string, string> };
  };
  return {
    mode,
    get,
    cohort: async (id, asOf = AS_OF) => (await get<CohortAnswer>(`/v1/cohorts/${id}?asOf=${asOf}`)).body,
    trajectory: async (id, outcome, asOf = AS_OF) =>
      (await get<TrajectoryAnswer>(`/v1/cohorts/${id}/trajectory?outcome=${outcome}&interval=month&horizonMonths=${HORIZON_MONTHS}&asOf=${asOf}`)).body,
    indicators: async (orgId, from, to, grouping) => (await get<IndicatorsAnswer>(`/v1/indicators?orgId=${orgId}&from=${from}&to=${to}&grouping=${grouping}`)).body,
  };
}
