import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString } from '@pets/validation';
import { Omittable } from '../../../../http/validation/omittable.decorator';
import { PET_RULES } from '../../../internal/pet.rules';

const NAME_DOC = {
  description: 'Trimmed; 1-100 characters.',
  example: 'Rex',
  maxLength: PET_RULES.nameMaxLength,
};
const LOCATION_DOC = {
  description: `Where the pet is: ${PET_RULES.wellKnownLocations.join(', ')}, or any lowercase word of 1-32 letters, digits and dashes (input is lowercased).`,
  example: 'house',
  pattern: PET_RULES.locationPattern.source,
};
const TAGS_DOC: ApiPropertyOptions = {
  type: String,
  isArray: true,
  description: 'Up to 50 unique tags of 1-64 characters, no spaces; lowercased, de-duplicated and sorted.',
  example: ['dog', 'mammal'],
  maxItems: PET_RULES.maxTags,
};

/** A pet as API v1 shows it. */
export class PetV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty(NAME_DOC)
  name!: string;

  @ApiProperty(LOCATION_DOC)
  location!: string;

  @ApiProperty(TAGS_DOC)
  tags!: string[];
}

export class CreatePetV1Body {
  @ApiProperty(NAME_DOC)
  @IsString()
  name!: string;

  @ApiProperty(LOCATION_DOC)
  @IsString()
  location!: string;

  @ApiPropertyOptional({ ...TAGS_DOC, default: [] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(PET_RULES.maxTags)
  @IsString({ each: true })
  tags?: string[];
}

/** A partial update: any of the fields, at least one. */
export class PatchPetV1Body {
  @ApiPropertyOptional(NAME_DOC)
  @Omittable()
  @IsString()
  name?: string;

  @ApiPropertyOptional(LOCATION_DOC)
  @Omittable()
  @IsString()
  location?: string;

  @ApiPropertyOptional(TAGS_DOC)
  @Omittable()
  @IsArray()
  @ArrayMaxSize(PET_RULES.maxTags)
  @IsString({ each: true })
  tags?: string[];
}

export class PetPageV1 {
  @ApiProperty({ type: [PetV1] })
  items!: PetV1[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}
