import type { ReportPart } from './study-report-parts.csv';
import type { DisclosureMode, OrgScope } from '@rung/domain';
import type { Format } from '../common/query-params';

/** Define a study (validated by the handler, which also checks that its cohorts exist and are in the scope). */
export class DefineStudy {
  constructor(
    readonly definition: unknown,
    readonly scope: OrgScope,
  ) {}
}

export class ListStudies {
  constructor(readonly scope: OrgScope) {}
}

export class GetStudy {
  constructor(
    readonly studyId: string,
    readonly scope: OrgScope,
  ) {}
}

export class GetStudyReport {
  constructor(
    readonly studyId: string,
    readonly asOf: string | undefined,
    readonly format: Format,
    readonly scope: OrgScope,
    readonly disclosure: DisclosureMode,
    readonly part: ReportPart = 'curves',
  ) {}
}

export class ListStudyCheckpoints {
  constructor(
    readonly studyId: string,
    readonly scope: OrgScope,
    readonly disclosure: DisclosureMode,
  ) {}
}

export class GetStudyCheckpoint {
  constructor(
    readonly studyId: string,
    readonly month: number,
    readonly format: Format,
    readonly scope: OrgScope,
    readonly disclosure: DisclosureMode,
    readonly part: ReportPart = 'curves',
  ) {}
}

/** Archive a study (§7a `DELETE`); its frozen checkpoints stay readable. */
export class ArchiveStudy {
  constructor(
    readonly studyId: string,
    readonly scope: OrgScope,
  ) {}
}
