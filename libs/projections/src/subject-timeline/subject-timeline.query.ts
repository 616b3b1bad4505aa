import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@rung/domain';
import { PSEUDONYMISER, type Pseudonymiser } from '@rung/platform';
import type { SubjectTimeline } from './subject-timeline';
import { SubjectTimelineProjector } from './subject-timeline.projector';

export class GetSubjectTimeline {
  constructor(
    readonly orgId: string,
    readonly subjectRef: string,
  ) {}
}

export type SubjectTimelineView = Omit<SubjectTimeline, 'lastApplied'>;

@QueryHandler(GetSubjectTimeline)
export class GetSubjectTimelineHandler implements IQueryHandler<GetSubjectTimeline, SubjectTimelineView> {
  constructor(
    @Inject(PSEUDONYMISER) private readonly pseudonymiser: Pseudonymiser,
    private readonly projector: SubjectTimelineProjector,
  ) {}

  async execute({ orgId, subjectRef }: GetSubjectTimeline): Promise<SubjectTimelineView> {
    const subjectId = this.pseudonymiser.subjectId(orgId, subjectRef);
    const timeline = await this.projector.read(subjectId);
    if (!timeline) throw new DomainError('not-found', 'No events are stored for this subject in this organisation.');
    const { lastApplied: _internal, ...view } = timeline;
    return view;
  }
}
