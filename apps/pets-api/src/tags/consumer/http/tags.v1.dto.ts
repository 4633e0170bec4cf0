import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from '@pets/validation';

export class TagCountsV1 {
  @ApiProperty({ example: 'mammal' })
  tag!: string;

  @ApiProperty({
    description: 'Pets with this tag, by location; locations with no such pet are left out.',
    example: { house: 10, backyard: 4, frontyard: 2 },
    type: 'object',
    additionalProperties: { type: 'integer' },
  })
  location!: Record<string, number>;
}

export class TagCountsPageV1 {
  @ApiProperty({ type: [TagCountsV1] })
  items!: TagCountsV1[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last.',
  })
  nextCursor!: string | null;
}

export class ListTagsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class AggregationStatusV1 {
  @ApiProperty({
    description: 'Where the worker is in the change log (store-specific).',
    type: 'object',
    additionalProperties: true,
  })
  watermark!: Record<string, unknown>;

  @ApiProperty({
    example: { changes: 0, seconds: 0 },
    description: 'Changes not yet folded in, and the age of the oldest.',
  })
  lag!: { changes: number; seconds: number };

  @ApiProperty({
    nullable: true,
    description: 'The lock holder: `update` (the worker) or `bulk` (a rebuild), its fencing token and lease.',
    example: {
      holder: 'worker-0:17',
      type: 'update',
      fencingToken: 12,
      leaseUntil: '2026-11-25T20:00:10.000Z',
      expired: false,
    },
  })
  lock!: Record<string, unknown> | null;

  @ApiProperty()
  rebuildRequested!: boolean;

  @ApiProperty({ nullable: true, example: { size: 1500, durationMs: 42.5, at: '2026-11-25T20:00:00.000Z' } })
  lastBatch!: Record<string, unknown> | null;

  @ApiProperty({ description: 'Changes folded in since the last rebuild of this record.' })
  appliedTotal!: number;

  @ApiProperty({ nullable: true })
  lastRebuild!: Record<string, unknown> | null;
}

export class RebuildJobV1 {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] })
  status!: string;

  @ApiProperty({ example: { phase: 'writing', pets: 120000, counts: 118000, elapsedMs: 2100 } })
  progress!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  requestedAt!: string;

  @ApiProperty({ format: 'date-time', nullable: true })
  startedAt!: string | null;

  @ApiProperty({ format: 'date-time', nullable: true })
  finishedAt!: string | null;

  @ApiProperty({ nullable: true })
  runner!: string | null;

  @ApiProperty({ nullable: true })
  error!: string | null;
}
