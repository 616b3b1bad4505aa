/** Subjects were erased: every view that counted them must forget them (published after their timelines are gone). */
export class SubjectsErased {
  constructor(readonly subjects: ReadonlyArray<{ streamId: string; orgId: string }>) {}
}
