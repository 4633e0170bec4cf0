import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorSchema {
  @ApiProperty({ example: 'tags[3]', description: 'The failing field, as the client wrote it.' })
  path!: string;

  @ApiProperty({ example: 'must be at most 64 characters' })
  message!: string;
}

/** RFC 9457 problem details: the body of every error response (application/problem+json). */
export class ProblemDetailsSchema {
  @ApiProperty({ example: 'about:blank' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is not valid.' })
  detail!: string;

  @ApiPropertyOptional({
    example: '0b9d3c3e-7c1e-4a55-9a45-3f7f5e2c1a10',
    description: 'Find the request in the logs by it.',
  })
  requestId?: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'For 400: one entry per failing field.' })
  errors?: FieldErrorSchema[];
}
