import { illegalOperation, invalidOptions } from '../errors';
import type { Doc } from '../values';
import type { CommandContext, CommandTable } from './types';

export const SERVER_VERSION = '7.0.0';
const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;

function hello(_cmd: Doc, ctx: CommandContext): Doc {
  const me = `${ctx.server.host}:${ctx.server.port}`;
  const primary = ctx.faults.writablePrimary;
  // No topologyVersion: without it the driver polls with hello instead of streaming (exhaust).
  return {
    helloOk: true,
    isWritablePrimary: primary,
    ismaster: primary,
    secondary: !primary,
    setName: ctx.server.setName,
    setVersion: 1,
    ...(primary ? { electionId: ctx.faults.electionId, primary: me } : {}),
    hosts: [me],
    me,
    readOnly: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: ctx.connection.id,
    minWireVersion: 0,
    maxWireVersion: 21,
    ok: 1,
  };
}

function buildInfo(): Doc {
  return {
    version: SERVER_VERSION,
    gitVersion: 'rung-mongo-test-server',
    versionArray: [7, 0, 0, 0],
    modules: [],
    allocator: 'system',
    javascriptEngine: 'none',
    sysInfo: 'deprecated',
    storageEngines: ['inMemory'],
    bits: 64,
    debug: false,
    maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
    openssl: { running: 'disabled' },
    ok: 1,
  };
}

const PARAMETERS: Doc = {
  featureCompatibilityVersion: { version: '7.0' },
  authenticationMechanisms: [],
  transactionLifetimeLimitSeconds: 60,
};

function getParameter(cmd: Doc): Doc {
  const all = cmd.getParameter === '*';
  const reply: Doc = {};
  for (const [name, value] of Object.entries(PARAMETERS)) {
    if (all || name in cmd) reply[name] = value;
  }
  if (Object.keys(reply).length === 0) throw invalidOptions('no option found to get');
  return { ...reply, ok: 1 };
}

function getCmdLineOpts(_cmd: Doc, ctx: CommandContext): Doc {
  const { port, host, setName } = ctx.server;
  return {
    argv: ['mongod', '--replSet', setName, '--bind_ip', host, '--port', String(port)],
    parsed: { net: { bindIp: host, port }, replication: { replSet: setName } },
    ok: 1,
  };
}

function serverStatus(_cmd: Doc, ctx: CommandContext): Doc {
  const uptimeMillis = Date.now() - ctx.server.startedAt.getTime();
  return {
    host: `${ctx.server.host}:${ctx.server.port}`,
    version: SERVER_VERSION,
    process: 'mongod',
    pid: process.pid,
    uptime: Math.floor(uptimeMillis / 1000),
    uptimeMillis,
    localTime: new Date(),
    ok: 1,
  };
}

const ok = (): Doc => ({ ok: 1 });

/** Transactions are not implemented: statements apply immediately, so commit is trivially true. */
function abortTransaction(): Doc {
  throw illegalOperation(
    'abortTransaction is not supported by the Rung MongoDB test server: ' +
      'statements inside a transaction were already applied and cannot be rolled back',
  );
}

export const serverInfoCommands: CommandTable = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  getParameter,
  getCmdLineOpts,
  serverStatus,
  whatsmyuri: (_cmd, ctx) => ({ you: ctx.connection.remote, ok: 1 }),
  connectionStatus: () => ({
    authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] },
    ok: 1,
  }),
  endSessions: ok,
  refreshSessions: ok,
  killSessions: ok,
  killAllSessions: ok,
  commitTransaction: ok,
  abortTransaction,
};
