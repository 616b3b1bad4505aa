import type { DisclosureMode } from '@rung/domain';
import { disclosedVersion, type DataVersion } from '../common/fingerprint';

/**
 * The data version as an answer publishes it. Exact answers show its counts under the small-count
 * rule; protected answers show only the fingerprint, since consecutive exact counts of a polled
 * organisation would tell a watcher when one person's record changed.
 */
export function publishedVersion(version: DataVersion, mode: DisclosureMode, k: number): DataVersion {
  switch (mode) {
    case 'exact':
      return disclosedVersion(version, k);
    case 'protected':
      return { subjects: null, events: null, fingerprint: version.fingerprint };
    default: {
      const unexpected: never = mode;
      throw new Error(`unknown disclosure mode ${String(unexpected)}`);
    }
  }
}
