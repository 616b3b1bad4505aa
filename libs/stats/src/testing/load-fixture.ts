/**
 * Shape shared by every R fixture file (not part of the public API). The
 * specs read fixtures with fs so the library itself stays free of I/O.
 */
export type FixtureMeta = { readonly r_version: string; readonly survival_version: string; readonly generated_by: string };

export type FixtureFile<C> = { readonly meta: FixtureMeta; readonly cases: readonly C[] };

/** survfit/survdiff numbers that R may report as "NA", "NaN" or "Inf". */
export type RNumber = number | string;
