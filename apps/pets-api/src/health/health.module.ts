import { Module } from '@nestjs/common';
import { PetsModule } from '../pets/pets.module';
import { HealthHttpController } from './health.http.controller';

@Module({ imports: [PetsModule], controllers: [HealthHttpController] })
export class HealthModule {}
