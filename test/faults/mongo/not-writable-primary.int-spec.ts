import { pingsWithin } from '../../../libs/event-store/src/mongo/mongo-connection';
import { uniqueDbName, until } from '@rung/testing';
import type { CommandFailedEvent } from 'mongodb';
import { sampleEvents } from '../../../libs/event-store/src/contract/sample-events';
import { describeOnFaultableMongo, failCommand, NOT_WRITABLE_PRIMARY, stepDown, stepUp } from './server-faults';
import { expectExactlyOnce, storeDirect, storedStream } from './store-under-fault';

type Store = Awaited<ReturnType<typeof storeDirect>>;

/** Fault 2: a write answered NotWritablePrimary (10107) with the RetryableWriteError label. */
describeOnFaultableMongo('an append answered NotWritablePrimary', (endpoint) => {
  let uri: string;
  let s: Store;
  let failures: string[];

  beforeEach(async () => {
    uri = `${endpoint().uriFor(uniqueDbName('primary'))}&serverSelectionTimeoutMS=10000&monitorCommands=true`;
    s = await storeDirect(uri);
    failures = [];
    s.connection.getClient().on('commandFailed', (e: CommandFailedEvent) => {
      failures.push(`${e.commandName}:${(e.failure as { code?: number }).code ?? 0}`);
    });
  });
  afterEach(async () => {
    // Only the step-down test leaves work here; a real primary refuses replSetFreeze, which is fine.
    await stepUp(uri).catch(() => undefined);
    await until('a writable primary again', () => pingsWithin(s.connection, 500));
    await s.close();
  });

  it('once, is retried by the driver and stores the batch exactly once', async () => {
    const events = sampleEvents('s1', 4);
    await failCommand(uri, ['insert'], 1, NOT_WRITABLE_PRIMARY);
    const [result] = await s.store.append([{ streamId: 's1', events }]);
    expect(failures).toEqual(['insert:10107']);
    expect(result.results.map((r) => r.status)).toEqual(Array(4).fill('stored'));
    expectExactlyOnce(await storedStream(s.connection, 's1'), events.map((e) => e.eventId));
  });

  it('from a primary that stepped down, waits for the new primary and then stores the batch exactly once', async () => {
    const events = sampleEvents('s1', 4);
    await s.store.append([{ streamId: 's1', events: events.slice(0, 1) }]);
    await stepDown(uri);
    const appending = s.store.append([{ streamId: 's1', events: events.slice(1) }]);
    // Its first read is refused (NotPrimaryNoSecondaryOk, 13435) as a real secondary would; the driver then waits for a primary.
    await until('the append to be refused by the stepped-down member', async () => failures.length > 0);
    await until('readiness to see no writable primary', async () => !(await pingsWithin(s.connection, 300)));

    await stepUp(uri);
    const [result] = await appending;
    expect(failures.every((f) => /:(10107|13435)$/.test(f))).toBe(true);
    expect(result.results.map((r) => r.status)).toEqual(Array(3).fill('stored'));
    expect(await pingsWithin(s.connection, 1000)).toBe(true);
    expectExactlyOnce(await storedStream(s.connection, 's1'), events.map((e) => e.eventId));
  });

  it('for longer than the driver waits, fails with store-unavailable, stores nothing, and a resend stores it once', async () => {
    const events = sampleEvents('s1', 3);
    await failCommand(uri, ['insert'], 2, NOT_WRITABLE_PRIMARY);
    await expect(s.store.append([{ streamId: 's1', events }])).rejects.toMatchObject({ code: 'store-unavailable' });
    expect(failures).toEqual(['insert:10107', 'insert:10107']);
    expect(await storedStream(s.connection, 's1')).toEqual([]);
    await s.store.append([{ streamId: 's1', events }]);
    expectExactlyOnce(await storedStream(s.connection, 's1'), events.map((e) => e.eventId));
  });
});
