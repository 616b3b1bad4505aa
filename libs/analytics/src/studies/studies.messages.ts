import type { Format } from '../common/query-params';

/** Define a study (validated by the handler, which also checks that its cohorts exist). */
export class DefineStudy {
  constructor(readonly definition: unknown) {}
}

export class ListStudies {}

export class GetStudy {
  constructor(readonly studyId: string) {}
}

export class GetStudyReport {
  constructor(
    readonly studyId: string,
    readonly asOf: string | undefined,
    readonly format: Format,
  ) {}
}

export class ListStudyCheckpoints {
  constructor(readonly studyId: string) {}
}

export class GetStudyCheckpoint {
  constructor(
    readonly studyId: string,
    readonly month: number,
    readonly format: Format,
  ) {}
}
