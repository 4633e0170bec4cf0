import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from '@pets/validation';

export class PetIdParams {
  @ApiProperty({ format: 'uuid', example: '01936b2e-6a4b-7cc1-9b52-4f0a6a7e1c2d' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}
