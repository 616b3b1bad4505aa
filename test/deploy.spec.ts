import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { CONFIG_VARIABLES, loadConfig, loadPseudonymSecret } from '@rung/platform';

type Environment = Record<string, string | number>;
interface Service {
  command?: string[];
  environment?: Environment;
  ports?: string[];
  secrets?: string[];
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  secrets?: Record<string, { file?: string }>;
}

const DEPLOY = join(__dirname, '..', 'deploy');
const RUNG_SERVICES = ['ingest', 'projector', 'query'];
const RUNG_SECRETS_DIR = '/run/rung-secrets/';
const SECRET_VARIABLES = (Object.values(CONFIG_VARIABLES) as Array<{ name: string; secret?: true }>).filter((spec) => spec.secret).map((spec) => spec.name);

const base = composeFile('docker-compose.yml');
const hostPorts = composeFile('docker-compose.host-ports.yml');
const kafkaSasl = composeFile('docker-compose.kafka-sasl.yml');
let secretsDir: string;

beforeAll(() => {
  secretsDir = join(mkdtempSync(join(tmpdir(), 'rung-deploy-')), 'secrets');
  execFileSync('bash', [join(DEPLOY, 'make-secrets.sh'), secretsDir], { stdio: 'pipe' });
});

describe('deploy/docker-compose.yml', () => {
  it('publishes only the HTTP entry point, and only on 127.0.0.1', () => {
    const published = Object.entries(base.services).filter(([, service]) => service.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['query']);
    expect(base.services.query.ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('publishes MongoDB, Kafka and ingest for development only on 127.0.0.1, and only with docker-compose.host-ports.yml', () => {
    const ports = Object.values(hostPorts.services).flatMap((service) => service.ports ?? []);
    expect(ports).toHaveLength(3);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(kafkaSasl.services.kafka.ports).toBeUndefined();
  });

  it('runs MongoDB with access control: a replica-set keyFile, root from a file, and Rung\'s user with readWrite on rung only', () => {
    const mongo = base.services.mongo;
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0', '--keyFile', '/run/mongo-secrets/mongo_keyfile']));
    expect(mongo.environment).toMatchObject({ MONGO_INITDB_ROOT_USERNAME: 'root', MONGO_INITDB_ROOT_PASSWORD_FILE: '/run/mongo-secrets/mongo_root_password' });
    expect(mongo.environment).not.toHaveProperty('MONGO_INITDB_ROOT_PASSWORD');
    expect(mongo.volumes).toContain('./mongo/create-rung-user.js:/docker-entrypoint-initdb.d/create-rung-user.js:ro');
    const createUser = readFileSync(join(DEPLOY, 'mongo', 'create-rung-user.js'), 'utf8');
    expect(createUser).toContain("db.getSiblingDB('rung').createUser({ user: 'rung', pwd: password, roles: [{ role: 'readWrite', db: 'rung' }] })");
    expect(secret('mongo_url')).toBe(`mongodb://rung:${secret('mongo_app_password')}@mongo:27017/rung?replicaSet=rs0&authSource=rung`);
  });

  it('passes every secret as a file, never as a value in the environment', () => {
    for (const [name, declared] of Object.entries(base.secrets ?? {})) expect(declared.file).toBe(`./secrets/${name}`);
    for (const environment of rungEnvironments()) {
      for (const name of SECRET_VARIABLES) expect(environment).not.toHaveProperty(name);
      expect(environment).toMatchObject({
        MONGO_URL_FILE: `${RUNG_SECRETS_DIR}mongo_url`, PSEUDONYM_SECRET_FILE: `${RUNG_SECRETS_DIR}pseudonym_secret`, RUNG_ADMIN_KEY_FILE: `${RUNG_SECRETS_DIR}rung_admin_key`,
      });
    }
    for (const name of RUNG_SERVICES) expect(base.services[name].volumes).toContain('rung-secrets:/run/rung-secrets:ro');
  });

  it('keeps the secrets and local keys out of the image\'s build context', () => {
    const ignored = readFileSync(join(DEPLOY, '..', '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['deploy/secrets', '.secrets', '.data']));
  });

  it('makes every secret file it declares with make-secrets.sh, and copies each one secrets-init is given', () => {
    expect(readdirSync(secretsDir).sort()).toEqual(Object.keys(base.secrets ?? {}).sort());
    const copied = readFileSync(join(DEPLOY, 'secrets-init.sh'), 'utf8').match(/^copy \d+ \S+ (.+?)(\s+#.*)?$/gm) ?? [];
    const names = new Set(copied.flatMap((line) => line.replace(/#.*/, '').trim().split(/\s+/).slice(3)));
    expect([...names].sort()).toEqual([...(base.services['secrets-init'].secrets ?? [])].sort());
  });

  it('gives each Rung service an environment that Rung accepts, with the secrets make-secrets.sh makes', () => {
    for (const environment of rungEnvironments()) {
      const config = loadConfig(resolved(environment));
      expect(config).toMatchObject({ store: 'mongo', host: '0.0.0.0', mongoUrl: secret('mongo_url') });
      expect(loadPseudonymSecret(config)).toEqual(Buffer.from(secret('pseudonym_secret'), 'hex'));
    }
  });
});

describe('deploy/docker-compose.kafka-sasl.yml', () => {
  it('leaves no plaintext Kafka listener reachable from the network', () => {
    const kafka = { ...base.services.kafka.environment, ...kafkaSasl.services.kafka.environment };
    const protocols = new Map(String(kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP).split(',').map((pair) => pair.split(':') as [string, string]));
    for (const listener of String(kafka.KAFKA_LISTENERS).split(',')) {
      const [, name, host] = /^(\w+):\/\/([^:]*):\d+$/.exec(listener) ?? [];
      expect({ listener, protocol: protocols.get(name) === 'PLAINTEXT' && host !== '127.0.0.1' ? 'reachable plaintext' : 'ok' }).toEqual({ listener, protocol: 'ok' });
    }
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).toBe('INTERNAL://127.0.0.1:9092,SASL_SSL://kafka:9095');
  });

  it('has ingest sign in with SCRAM-SHA-512 over TLS, trusting the CA make-secrets.sh makes', () => {
    const config = loadConfig(resolved({ ...base.services.ingest.environment, ...kafkaSasl.services.ingest.environment }));
    expect(config).toMatchObject({
      kafkaBrokers: ['kafka:9095'], kafkaSsl: true, kafkaSslCaFile: join(secretsDir, 'kafka_ca.pem'),
      kafkaSaslMechanism: 'scram-sha-512', kafkaSaslUsername: 'rung', kafkaSaslPassword: secret('kafka_rung_password'),
    });
  });
});

describe('deploy/make-secrets.sh', () => {
  it('makes each file with mode 0600 in a directory with mode 0700', () => {
    expect(statSync(secretsDir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(secretsDir)) expect({ name, mode: statSync(join(secretsDir, name)).mode & 0o777 }).toEqual({ name, mode: 0o600 });
  });

  it('keeps every file that exists when it runs again', () => {
    const before = readdirSync(secretsDir).map((name) => readFileSync(join(secretsDir, name)));
    execFileSync('bash', [join(DEPLOY, 'make-secrets.sh'), secretsDir], { stdio: 'pipe' });
    expect(readdirSync(secretsDir).map((name) => readFileSync(join(secretsDir, name)))).toEqual(before);
  });

  it('makes a keystore, locked with its password, whose certificate is for kafka and signed by kafka_ca.pem', () => {
    const certificate = execFileSync('openssl', [
      'pkcs12', '-in', join(secretsDir, 'kafka.keystore.p12'), '-passin', `file:${join(secretsDir, 'kafka_keystore_password')}`, '-nokeys', '-clcerts',
    ], { stdio: 'pipe' });
    expect(execFileSync('openssl', ['x509', '-noout', '-ext', 'subjectAltName'], { input: certificate }).toString()).toContain('DNS:kafka, DNS:localhost');
    expect(execFileSync('openssl', ['verify', '-CAfile', join(secretsDir, 'kafka_ca.pem')], { input: certificate }).toString().trim()).toBe('stdin: OK');
  });
});

function composeFile(name: string): ComposeFile {
  return load(readFileSync(join(DEPLOY, name), 'utf8')) as ComposeFile;
}

function rungEnvironments(): Environment[] {
  return [...RUNG_SERVICES.map((name) => base.services[name].environment ?? {}), { ...base.services.ingest.environment, ...kafkaSasl.services.ingest.environment }];
}

/** The environment as a container sees it: ${NAME:-default} as its default, the secrets volume as secretsDir. */
function resolved(environment: Environment): Record<string, string> {
  return Object.fromEntries(Object.entries(environment).map(([name, value]) => [
    name, String(value).replace(/\$\{\w+:-([^}]*)\}/g, '$1').replace(RUNG_SECRETS_DIR, `${secretsDir}/`),
  ]));
}

function secret(name: string): string {
  return readFileSync(join(secretsDir, name), 'utf8').trim();
}
