import type { PackedFollowUps } from '../cohorts/follow-up-columns';
import type { Estimator, OutcomeName } from '../cohorts/outcomes';
import { trajectoryResponse, type TrajectoryHeader } from '../cohorts/trajectory-response';
import { assembleStudyReport, type PackedArm, type StudyReportInput } from '../studies/study-report';

/**
 * The estimation half of a view: curves, tables and tests over follow-ups that a scan has already
 * extracted. It needs no timelines, so it can run on a worker thread; its follow-ups travel in
 * typed columns, which move between threads without being copied, and are sorted there.
 */
export type EstimationJob =
  | { kind: 'study-report'; input: Omit<StudyReportInput, 'arms'>; arms: PackedArm[] }
  | { kind: 'trajectory'; header: TrajectoryHeader; outcome: OutcomeName; estimator: Estimator; followUps: PackedFollowUps };

/** The job's view, computed: a pure function of the job. */
export function runEstimation(job: EstimationJob): unknown {
  switch (job.kind) {
    case 'study-report':
      return assembleStudyReport({ ...job.input, arms: job.arms });
    case 'trajectory':
      return trajectoryResponse(job.header, job.followUps, job.outcome, job.estimator);
    default: {
      const unexpected: never = job;
      throw new Error(`unknown estimation job ${JSON.stringify(unexpected)}`);
    }
  }
}

/** The buffers a job can hand to a worker instead of copying. */
export function transferablesOf(job: EstimationJob): ArrayBuffer[] {
  const packed = job.kind === 'study-report' ? job.arms.flatMap((a) => a.followUps.map(([, p]) => p)) : [job.followUps];
  return packed.flatMap((p) => [p.times.buffer as ArrayBuffer, p.statuses.buffer as ArrayBuffer, p.keys.buffer as ArrayBuffer]);
}
