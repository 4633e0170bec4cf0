import { Module } from '@nestjs/common';
import { WriteTokenGuard } from '../http/auth/write-token.guard';
import { PetsV1HttpController } from './consumer/http/v1/pets.v1.http.controller';
import { PetsV2HttpController } from './consumer/http/v2/pets.v2.http.controller';
import { petRepositoryProvider } from './datasource/pet-repository.provider';
import { PetService } from './internal/pet.service';

/** Pets in three layers: consumer (HTTP v1, v2) → internal (PetService) → datasource (PetRepository). */
@Module({
  controllers: [PetsV1HttpController, PetsV2HttpController],
  providers: [PetService, petRepositoryProvider, WriteTokenGuard],
  exports: [PetService],
})
export class PetsModule {}
