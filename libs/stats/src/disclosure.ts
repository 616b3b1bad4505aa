import { assertCount } from './validation';

/**
 * Statistical disclosure control for published counts and estimates.
 * Threshold k (default 5, never below 3): counts 1..k−1 are suppressed;
 * 0 and counts ≥ k are shown.
 */
export const DEFAULT_DISCLOSURE_K = 5;
export const MIN_DISCLOSURE_K = 3;

export type SuppressionReason = 'primary' | 'secondary';

/** A published count: value is null exactly when suppressed. */
export type SuppressedCount = {
  readonly value: number | null;
  readonly suppressed: boolean;
  /** 'primary': the count itself is small; 'secondary': hidden so a small one cannot be derived. */
  readonly reason: SuppressionReason | null;
};

export type SuppressTableOptions = {
  /** Publish a total for each row (default true). */
  readonly rowTotals?: boolean;
  /** Publish a total for each column (default true). */
  readonly columnTotals?: boolean;
};

export type SuppressedTable = {
  readonly k: number;
  readonly cells: ReadonlyArray<readonly SuppressedCount[]>;
  readonly rowTotals: readonly SuppressedCount[] | null;
  readonly columnTotals: readonly SuppressedCount[] | null;
  /** Published whenever any margin is. */
  readonly grandTotal: SuppressedCount | null;
};

/** The small-count rule of exact answers (§7), in one place: a count from 1 to k − 1 is not published. */
export function isSmallCount(n: number, k: number): boolean {
  return n > 0 && n < k;
}

/** Throws a RangeError unless k is an integer ≥ 3. */
export function assertDisclosureK(k: number): void {
  if (!Number.isInteger(k) || k < MIN_DISCLOSURE_K) {
    throw new RangeError(`disclosure threshold k must be an integer ≥ ${MIN_DISCLOSURE_K}, got ${k}`);
  }
}

type Position = readonly [number, number];

/**
 * Suppresses a two-way table of counts with its margins. Primary suppression
 * hides every published count (cells and totals) in 1..k−1. Complementary
 * suppression then repeats, until nothing changes: in every row and column
 * whose total is published — the margins themselves form a row and a column
 * adding up to the grand total — a line with exactly one hidden entry would let
 * it be recovered by subtraction, so its smallest non-zero shown entry is
 * hidden too (cells before the total on ties, then left-to-right / top-down).
 * This protects against recovery from a single row or column equation; it is
 * not a full audit against every linear combination of equations.
 */
export function suppressTable(
  table: ReadonlyArray<readonly number[]>,
  k = DEFAULT_DISCLOSURE_K,
  opts: SuppressTableOptions = {},
): SuppressedTable {
  assertDisclosureK(k);
  const grid = augment(table);
  const rows = table.length;
  const cols = rows === 0 ? 0 : table[0].length;
  const showRowTotals = opts.rowTotals ?? true;
  const showColumnTotals = opts.columnTotals ?? true;
  const lines = equationLines(rows, cols, showRowTotals, showColumnTotals);
  const reasons = grid.map((row) => row.map((): SuppressionReason | null => null));
  const shown = { rows, cols, rowTotals: showRowTotals, columnTotals: showColumnTotals };
  grid.forEach((row, r) =>
    row.forEach((value, c) => {
      if (isPublished(r, c, shown) && isSmallCount(value, k)) reasons[r][c] = 'primary';
    }),
  );
  let changed = true;
  while (changed) changed = lines.some((line) => protectLine(line, grid, reasons));
  const entry = (r: number, c: number): SuppressedCount => publish(grid[r][c], reasons[r][c]);
  return {
    k,
    cells: table.map((row, r) => row.map((_, c) => entry(r, c))),
    rowTotals: showRowTotals ? table.map((_, r) => entry(r, cols)) : null,
    columnTotals: showColumnTotals ? Array.from({ length: cols }, (_, c) => entry(rows, c)) : null,
    grandTotal: showRowTotals || showColumnTotals ? entry(rows, cols) : null,
  };
}

/** The table with row totals as an extra column, column totals as an extra row, and the grand total. */
function augment(table: ReadonlyArray<readonly number[]>): number[][] {
  const cols = table.length === 0 ? 0 : table[0].length;
  table.forEach((row, r) => {
    if (row.length !== cols) throw new RangeError(`table row ${r} has ${row.length} cells, expected ${cols}`);
    row.forEach((value, c) => assertCount(`table[${r}][${c}]`, value));
  });
  const withRowTotals = table.map((row) => [...row, row.reduce((s, v) => s + v, 0)]);
  const totals = Array.from({ length: cols + 1 }, (_, c) => withRowTotals.reduce((s, row) => s + row[c], 0));
  return [...withRowTotals, totals];
}

type Layout = { rows: number; cols: number; rowTotals: boolean; columnTotals: boolean };

/** Whether an entry of the augmented grid is published: cells always, margins as configured. */
function isPublished(r: number, c: number, layout: Layout): boolean {
  const inBody = r < layout.rows;
  const inColumns = c < layout.cols;
  if (inBody && inColumns) return true;
  if (inBody) return layout.rowTotals;
  if (inColumns) return layout.columnTotals;
  return layout.rowTotals || layout.columnTotals;
}

/** Each equation "entries sum to total" that a reader could use, total last. */
function equationLines(rows: number, cols: number, rowTotals: boolean, columnTotals: boolean): Position[][] {
  const lines: Position[][] = [];
  const rowLine = (r: number): Position[] => Array.from({ length: cols + 1 }, (_, c): Position => [r, c]);
  const columnLine = (c: number): Position[] => Array.from({ length: rows + 1 }, (_, r): Position => [r, c]);
  if (rowTotals) for (let r = 0; r < rows; r++) lines.push(rowLine(r));
  if (columnTotals) for (let c = 0; c < cols; c++) lines.push(columnLine(c));
  if (columnTotals) lines.push(rowLine(rows));
  if (rowTotals) lines.push(columnLine(cols));
  return lines;
}

/** Hides one more entry if exactly one in the line is hidden; returns whether it did. */
function protectLine(line: readonly Position[], grid: readonly number[][], reasons: Array<Array<SuppressionReason | null>>): boolean {
  const hidden = line.filter(([r, c]) => reasons[r][c] !== null).length;
  if (hidden !== 1) return false;
  let best: Position | null = null;
  for (const [r, c] of line) {
    if (reasons[r][c] !== null || grid[r][c] === 0) continue;
    if (best === null || grid[r][c] < grid[best[0]][best[1]]) best = [r, c];
  }
  if (best === null) return false;
  reasons[best[0]][best[1]] = 'secondary';
  return true;
}

function publish(value: number, reason: SuppressionReason | null): SuppressedCount {
  return reason === null ? { value, suppressed: false, reason: null } : { value: null, suppressed: true, reason };
}

/** The counts an estimate rests on; any that is below k withholds the estimate. */
export type DisclosureBasis = {
  readonly numerator?: number;
  readonly denominator?: number;
  readonly atRisk?: number;
};

/** An estimate with its fields nulled (except those kept) when withheld; nothing is dropped. */
export type Withheld<T, Keep extends keyof T = never> = {
  readonly [P in keyof T]: P extends Keep ? T[P] : T[P] | null;
} & { readonly suppressed: boolean };

/**
 * Withholds a rate, ratio or survival estimate whose numerator, denominator
 * or number at risk is below k (0 included): every field except those in
 * `keep` becomes null and `suppressed` is true.
 */
export function withholdEstimate<T extends object, Keep extends keyof T = never>(
  estimate: T,
  basis: DisclosureBasis,
  k = DEFAULT_DISCLOSURE_K,
  keep: readonly Keep[] = [],
): Withheld<T, Keep> {
  assertDisclosureK(k);
  const small = [basis.numerator, basis.denominator, basis.atRisk].some((v) => v !== undefined && v < k);
  if (!small) return { ...estimate, suppressed: false } as Withheld<T, Keep>;
  const kept = new Set<PropertyKey>(keep);
  const entries = Object.entries(estimate as Record<string, unknown>).map(
    ([key, value]): [string, unknown] => [key, kept.has(key) ? value : null],
  );
  return { ...Object.fromEntries(entries), suppressed: true } as Withheld<T, Keep>;
}

/** Withholds every curve row with fewer than k at risk, keeping its time. */
export function withholdCurve<R extends { readonly time: number; readonly atRisk: number }>(
  curve: readonly R[],
  k = DEFAULT_DISCLOSURE_K,
): Array<Withheld<R, 'time'>> {
  return curve.map((row) => withholdEstimate(row, { atRisk: row.atRisk }, k, ['time']));
}
