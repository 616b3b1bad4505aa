import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import { isSet, secretIsSet, type Env } from './secret-sources';
import type { RungConfig } from './rung-config';

export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/** How Rung's Kafka clients reach the brokers: TLS, and SASL authentication. */
export type KafkaSecurity = Pick<RungConfig, 'kafkaSsl' | 'kafkaSslCaFile' | 'kafkaSaslMechanism' | 'kafkaSaslUsername' | 'kafkaSaslPassword'>;

/** The rules between the KAFKA_SSL* and KAFKA_SASL_* variables, one problem per broken rule. */
export function kafkaSecurityProblems(env: Env): string[] {
  const problems: string[] = [];
  const missing = [
    isSet(env, 'KAFKA_SASL_USERNAME') ? undefined : 'KAFKA_SASL_USERNAME',
    secretIsSet(env, 'KAFKA_SASL_PASSWORD') ? undefined : 'KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)',
  ].filter((name) => name !== undefined);
  if (isSet(env, 'KAFKA_SASL_MECHANISM') && missing.length) {
    problems.push(`KAFKA_SASL_MECHANISM needs ${missing.join(' and ')} as well`);
  }
  if (!isSet(env, 'KAFKA_SASL_MECHANISM') && missing.length < 2) {
    problems.push('KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are used only with KAFKA_SASL_MECHANISM, which is unset');
  }
  if (isSet(env, 'KAFKA_SSL_CA_FILE') && env.KAFKA_SSL !== 'true') problems.push('KAFKA_SSL_CA_FILE is used only with KAFKA_SSL=true');
  return problems;
}

/**
 * The kafkajs client options for a client id, its brokers and the security settings: the one place where TLS
 * and SASL settings become kafkajs options, for every Kafka client Rung creates. Callers add logging.
 */
export function kafkaClientConfig(clientId: string, brokers: string[], security: KafkaSecurity): KafkaConfig {
  const config: KafkaConfig = { clientId, brokers };
  const ssl = kafkaTls(security);
  if (ssl !== undefined) config.ssl = ssl;
  const sasl = kafkaSasl(security);
  if (sasl) config.sasl = sasl;
  return config;
}

/** TLS with the system's certificate authorities, or with only the one in KAFKA_SSL_CA_FILE. */
function kafkaTls(security: KafkaSecurity): KafkaConfig['ssl'] {
  if (!security.kafkaSsl) return undefined;
  return security.kafkaSslCaFile ? { ca: [readFileSync(security.kafkaSslCaFile, 'utf8')] } : true;
}

function kafkaSasl({ kafkaSaslMechanism: mechanism, kafkaSaslUsername: username, kafkaSaslPassword: password }: KafkaSecurity): SASLOptions | undefined {
  if (!mechanism) return undefined;
  if (!username || !password) throw new Error(`Kafka SASL ${mechanism} needs a username and a password`);
  return { mechanism, username, password };
}
