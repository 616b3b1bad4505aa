import type { Decoder, Encoder } from '../codec';
import type { BrokerFaults } from '../faults';
import type { GroupCoordinator } from '../group-coordinator';
import type { LogStore } from '../log';
import type { ApiKey, RequestHeader } from '../protocol';

export interface BrokerConfig {
  readonly nodeId: number;
  readonly host: string;
  port: number;
  readonly clusterId: string;
  readonly defaultPartitions: number;
  readonly autoCreateTopics: boolean;
}

export interface BrokerContext {
  readonly config: BrokerConfig;
  readonly logs: LogStore;
  readonly groups: GroupCoordinator;
  /** Hooks that tests install to inject faults (not part of Kafka). */
  readonly faults: BrokerFaults;
}

export interface RequestContext {
  readonly broker: BrokerContext;
  readonly header: RequestHeader;
  /** As Kafka reports it in DescribeGroups, e.g. "/127.0.0.1". */
  readonly clientHost: string;
  readonly handlers: readonly ApiHandler[];
}

export interface ApiHandler {
  readonly apiKey: ApiKey;
  readonly minVersion: number;
  readonly maxVersion: number;
  /** Resolves to the response body, or null when the request expects no response (acks=0). */
  handle(request: Decoder, context: RequestContext): Promise<Encoder | null>;
}
