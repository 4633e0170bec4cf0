import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from '@pets/validation';

export class RebuildJobIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;
}
