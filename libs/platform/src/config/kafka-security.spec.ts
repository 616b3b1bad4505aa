import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaClientConfig, type KafkaSecurity } from './kafka-security';
import { loadConfig } from './rung-config';

const PLAINTEXT: KafkaSecurity = { kafkaSsl: false };
const BROKERS = ['kafka-1:9093', 'kafka-2:9093'];

describe('kafkaClientConfig', () => {
  it('gives a plaintext client, with no ssl and no sasl keys, by default', () => {
    expect(kafkaClientConfig('rung-ingest', BROKERS, loadConfig({}))).toStrictEqual({ clientId: 'rung-ingest', brokers: BROKERS });
  });

  it('turns TLS on with the system certificate authorities', () => {
    expect(kafkaClientConfig('rung-ingest', BROKERS, { ...PLAINTEXT, kafkaSsl: true })).toStrictEqual({ clientId: 'rung-ingest', brokers: BROKERS, ssl: true });
  });

  it('trusts only the certificate authorities in KAFKA_SSL_CA_FILE when it is set', () => {
    const ca = join(mkdtempSync(join(tmpdir(), 'rung-kafka-')), 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const config = kafkaClientConfig('rung-ingest', BROKERS, loadConfig({ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: ca }));
    expect(config.ssl).toStrictEqual({ ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] });
    expect(config.sasl).toBeUndefined();
  });

  it.each(['plain', 'scram-sha-256', 'scram-sha-512'] as const)('authenticates with SASL %s, over plaintext or TLS', (mechanism) => {
    const env = { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: 'rung', KAFKA_SASL_PASSWORD: 'pa55word' };
    expect(kafkaClientConfig('rung-ingest', BROKERS, loadConfig(env))).toStrictEqual({
      clientId: 'rung-ingest', brokers: BROKERS, sasl: { mechanism, username: 'rung', password: 'pa55word' },
    });
    expect(kafkaClientConfig('rung-ingest', BROKERS, loadConfig({ ...env, KAFKA_SSL: 'true' }))).toStrictEqual({
      clientId: 'rung-ingest', brokers: BROKERS, ssl: true, sasl: { mechanism, username: 'rung', password: 'pa55word' },
    });
  });

  it('refuses a SASL mechanism without a username and a password, without showing either', () => {
    expect(() => kafkaClientConfig('rung-simulate', BROKERS, { ...PLAINTEXT, kafkaSaslMechanism: 'scram-sha-256', kafkaSaslPassword: 'pa55word' }))
      .toThrow(/^Kafka SASL scram-sha-256 needs a username and a password$/);
  });
});
