/**
 * A version per organisation that moves whenever that organisation's timelines change. The projector
 * moves it; query instances in other processes watch it and drop their cached views of an organisation
 * whose version moved, so that every instance answers from the same data within seconds.
 */
export interface ReadModelVersions {
  /** True when other processes see these versions (MongoDB); the embedded store's own counters tell no one. */
  readonly shared: boolean;
  /** Moves the version of each of these organisations. */
  bump(orgIds: readonly string[]): Promise<void>;
  /** Every organisation's current version. */
  all(): Promise<ReadonlyMap<string, number>>;
}

export const READ_MODEL_VERSIONS = Symbol('READ_MODEL_VERSIONS');

/** The embedded store: one process, so the versions are its own counters. */
export class InProcessReadModelVersions implements ReadModelVersions {
  readonly shared = false;
  private readonly versions = new Map<string, number>();

  async bump(orgIds: readonly string[]): Promise<void> {
    for (const org of new Set(orgIds)) this.versions.set(org, (this.versions.get(org) ?? 0) + 1);
  }

  async all(): Promise<ReadonlyMap<string, number>> {
    return new Map(this.versions);
  }
}
