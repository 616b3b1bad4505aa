import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SubjectTimelineModule } from '../subject-timeline/subject-timeline.module';
import { Erasures } from './erasures.service';

/** Erasure of subjects by crypto-shredding; the admin API and the retention job use it. */
@Module({
  imports: [CqrsModule, SubjectTimelineModule],
  providers: [Erasures],
  exports: [Erasures],
})
export class ErasureModule {}
