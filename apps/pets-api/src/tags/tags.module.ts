import { Module } from '@nestjs/common';
import { PetAggregatesModule } from '@pets/pet-aggregates';
import { WriteTokenGuard } from '../http/auth/write-token.guard';
import { RebuildAdminHttpController } from './consumer/http/rebuild.admin.http.controller';
import { TagsV1HttpController } from './consumer/http/tags.v1.http.controller';
import { TagsService } from './internal/tags.service';

/** Reads of the aggregates the worker keeps, and rebuild requests. */
@Module({
  imports: [PetAggregatesModule.forRoot()],
  controllers: [TagsV1HttpController, RebuildAdminHttpController],
  providers: [TagsService, WriteTokenGuard],
})
export class TagsModule {}
