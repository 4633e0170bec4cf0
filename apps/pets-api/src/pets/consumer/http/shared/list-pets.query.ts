import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from '@pets/validation';
import { PET_RULES } from '../../../internal/pet.rules';

/** `GET /vN/pets` query string (the same for every version). Unknown parameters are refused. */
export class ListPetsQuery {
  @ApiPropertyOptional({ description: 'Only pets carrying this tag.', example: 'mammal' })
  @IsOptional()
  @IsString()
  tag?: string;

  @ApiPropertyOptional({ description: 'Only pets in this location.', example: 'house' })
  @IsOptional()
  @IsString()
  location?: string;

  @ApiPropertyOptional({
    description: 'Page size.',
    minimum: 1,
    maximum: PET_RULES.pageSize.max,
    default: PET_RULES.pageSize.default,
  })
  @IsOptional()
  // Digits only: Number() would also take " 7", "0x10" and "1e2".
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(PET_RULES.pageSize.max)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
