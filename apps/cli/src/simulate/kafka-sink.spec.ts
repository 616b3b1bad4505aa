import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../console/args';
import { kafkaSecurityFromFlags } from './kafka-sink';

describe('rung simulate --kafka security flags', () => {
  it('gives plaintext without flags', () => {
    expect(kafkaSecurityFromFlags({})).toEqual({ kafkaSsl: false });
  });

  it('reads TLS, its CA file and SASL, with the password from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-simulate-'));
    writeFileSync(join(dir, 'password'), 'pa55word\n');
    const flags = {
      'kafka-ssl': true, 'kafka-ca-file': join(dir, 'ca.pem'),
      'kafka-sasl': 'scram-sha-512', 'kafka-username': 'rung-simulate', 'kafka-password-file': join(dir, 'password'),
    };
    expect(kafkaSecurityFromFlags(flags)).toEqual({
      kafkaSsl: true, kafkaSslCaFile: join(dir, 'ca.pem'), kafkaSaslMechanism: 'scram-sha-512', kafkaSaslUsername: 'rung-simulate', kafkaSaslPassword: 'pa55word',
    });
  });

  it('refuses an unknown mechanism, SASL flags on their own, and a CA file without TLS', () => {
    expect(() => kafkaSecurityFromFlags({ 'kafka-sasl': 'gssapi' })).toThrow(new UsageError("--kafka-sasl must be one of: plain, scram-sha-256, scram-sha-512 (got 'gssapi')"));
    expect(() => kafkaSecurityFromFlags({ 'kafka-sasl': 'plain', 'kafka-username': 'rung' })).toThrow('--kafka-sasl, --kafka-username and --kafka-password-file go together');
    expect(() => kafkaSecurityFromFlags({ 'kafka-username': 'rung' })).toThrow(UsageError);
    expect(() => kafkaSecurityFromFlags({ 'kafka-ca-file': 'ca.pem' })).toThrow('--kafka-ca-file is used only with --kafka-ssl');
  });
});
