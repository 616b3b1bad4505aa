import { foldTimeline, type SubjectTimeline } from '@rung/projections';
import { StreamBuilder } from './recorded-events';

/** A subject timeline folded from the events a builder adds, for read-model unit tests. */
export function timelineOf(subjectId: string, build: (s: StreamBuilder) => void, orgId = 'rx1-trust'): SubjectTimeline {
  const stream = new StreamBuilder(subjectId, orgId);
  build(stream);
  return foldTimeline(subjectId, orgId, stream.all());
}
