import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsObject, IsString, ValidateNested } from '@pets/validation';
import { Omittable } from '../../../../http/validation/omittable.decorator';
import { PET_RULES } from '../../../internal/pet.rules';

const NAME_DOC = {
  description: 'Trimmed; 1-100 characters.',
  example: 'Rex',
  maxLength: PET_RULES.nameMaxLength,
};
const TAGS_DOC: ApiPropertyOptions = {
  type: String,
  isArray: true,
  description: 'Up to 50 unique tags of 1-64 characters, no spaces; lowercased, de-duplicated and sorted.',
  example: ['dog', 'mammal'],
  maxItems: PET_RULES.maxTags,
};

export class LocationV2 {
  @ApiProperty({
    description: `${PET_RULES.wellKnownLocations.join(', ')}, or any lowercase word of 1-32 letters, digits and dashes (input is lowercased).`,
    example: 'backyard',
    pattern: PET_RULES.locationPattern.source,
  })
  @IsString()
  name!: string;
}

/** A pet as API v2 shows it: location as an object, with version and timestamps. */
export class PetV2 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty(NAME_DOC)
  name!: string;

  @ApiProperty({ type: LocationV2 })
  location!: LocationV2;

  @ApiProperty(TAGS_DOC)
  tags!: string[];

  @ApiProperty({ description: 'Grows with every change; the ETag is this number in quotes.', example: 3 })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}

export class CreatePetV2Body {
  @ApiProperty(NAME_DOC)
  @IsString()
  name!: string;

  @ApiProperty({ type: LocationV2 })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationV2)
  location!: LocationV2;

  @ApiPropertyOptional({ ...TAGS_DOC, default: [] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(PET_RULES.maxTags)
  @IsString({ each: true })
  tags?: string[];
}

export class PatchPetV2Body {
  @ApiPropertyOptional(NAME_DOC)
  @Omittable()
  @IsString()
  name?: string;

  @ApiPropertyOptional({ type: LocationV2 })
  @Omittable()
  @IsObject()
  @ValidateNested()
  @Type(() => LocationV2)
  location?: LocationV2;

  @ApiPropertyOptional(TAGS_DOC)
  @Omittable()
  @IsArray()
  @ArrayMaxSize(PET_RULES.maxTags)
  @IsString({ each: true })
  tags?: string[];
}

export class PetPageV2 {
  @ApiProperty({ type: [PetV2] })
  items!: PetV2[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}
