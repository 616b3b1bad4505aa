/** A rebuild switched a new generation of timelines in: every view computed from the old ones must be dropped. */
export class TimelinesRebuilt {
  constructor(readonly generation: number) {}
}
