import type { WresClass } from './demographics';

/** Person-time in post and the leaving hazard integrated over it, per organisation, calendar year and WRES class. */
export interface ExitLedgerRow {
  orgId: string;
  year: number;
  group: WresClass;
  exposureDays: number;
  /** The sum over subjects of hazard × time at risk: the number of leavers the model expects. */
  expectedExits: number;
  exits: number;
}

export class ExitLedger {
  private readonly rows = new Map<string, ExitLedgerRow>();

  add(orgId: string, year: number, group: WresClass, exposureDays: number, expectedExits: number, exits: number): void {
    const key = `${orgId}|${year}|${group}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { orgId, year, group, exposureDays: 0, expectedExits: 0, exits: 0 };
      this.rows.set(key, row);
    }
    row.exposureDays += exposureDays;
    row.expectedExits += expectedExits;
    row.exits += exits;
  }

  list(): ExitLedgerRow[] {
    return [...this.rows.values()].sort((a, b) => a.orgId.localeCompare(b.orgId) || a.year - b.year || a.group.localeCompare(b.group));
  }
}
