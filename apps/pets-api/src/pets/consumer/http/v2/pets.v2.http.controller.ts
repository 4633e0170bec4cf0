import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequiresWriteToken } from '../../../../http/auth/requires-write-token.decorator';
import { ApiProblems } from '../../../../http/openapi/api-problems.decorator';
import { PET_RULES } from '../../../internal/pet.rules';
import { PetService } from '../../../internal/pet.service';
import { withApiPaths } from '../shared/api-paths';
import { ListPetsQuery } from '../shared/list-pets.query';
import { decodeCursor } from '../shared/page-cursor';
import { PetIdParams } from '../shared/pet-id.params';
import { writeMetaOf } from '../shared/write-meta';
import { etagOf, ifNoneMatchHits, preconditionFromIfMatch } from './entity-tag';
import { CreatePetV2Body, PatchPetV2Body, PetPageV2, PetV2 } from './pet.v2.dto';
import { PetV2Mapper } from './pet.v2.mapper';

const MEDIA_TYPES = ['application/json', 'application/yaml'];
const ETAG_HEADER = { ETag: { description: 'The pet version, e.g. "3".', schema: { type: 'string' } } };
const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'Apply only if the pet is still at this version ("3"), or exists at all ("*"); otherwise 412.',
};

@ApiTags('pets v2')
@ApiProduces(...MEDIA_TYPES)
@ApiProblems(406, 503)
@Controller('v2/pets')
export class PetsV2HttpController {
  constructor(private readonly pets: PetService) {}

  @Post()
  @HttpCode(201)
  @RequiresWriteToken()
  @ApiOperation({ summary: 'Create a pet' })
  @ApiConsumes(...MEDIA_TYPES)
  @ApiCreatedResponse({
    type: PetV2,
    description: 'Created; `Location` names the new pet.',
    headers: ETAG_HEADER,
  })
  @ApiProblems(400, 413, 415)
  async create(
    @Body() body: CreatePetV2Body,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PetV2> {
    const pet = await withApiPaths(
      () => this.pets.create(PetV2Mapper.toInternal(body), writeMetaOf(request)),
      PetV2Mapper.apiPath,
    );
    void reply.header('location', `/v2/pets/${pet.id}`).header('etag', etagOf(pet.version));
    return PetV2Mapper.fromInternal(pet);
  }

  @Get()
  @ApiOperation({ summary: 'List pets, optionally by tag and location, a page at a time (ordered by id)' })
  @ApiOkResponse({ type: PetPageV2 })
  @ApiProblems(400)
  async list(@Query() query: ListPetsQuery): Promise<PetPageV2> {
    const page = await withApiPaths(
      () =>
        this.pets.list({
          tag: query.tag,
          location: query.location,
          limit: query.limit ?? PET_RULES.pageSize.default,
          after: decodeCursor(query.cursor),
        }),
      PetV2Mapper.apiPath,
    );
    return PetV2Mapper.pageFromInternal(page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a pet' })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'Answer 304 if the pet is still at this version.',
  })
  @ApiOkResponse({ type: PetV2, headers: ETAG_HEADER })
  @ApiResponse({ status: 304, description: 'Not modified since the version in If-None-Match.' })
  @ApiProblems(400, 404)
  async get(
    @Param() { id }: PetIdParams,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PetV2 | undefined> {
    const pet = await this.pets.get(id);
    void reply.header('etag', etagOf(pet.version));
    if (ifNoneMatchHits(ifNoneMatch, pet.version)) {
      void reply.status(304);
      return undefined;
    }
    return PetV2Mapper.fromInternal(pet);
  }

  @Patch(':id')
  @RequiresWriteToken()
  @ApiOperation({ summary: 'Change any of name, location and tags' })
  @ApiConsumes(...MEDIA_TYPES)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: PetV2, headers: ETAG_HEADER })
  @ApiProblems(400, 404, 412, 413, 415)
  async update(
    @Param() { id }: PetIdParams,
    @Body() body: PatchPetV2Body,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PetV2> {
    const changes = PetV2Mapper.changesToInternal(body);
    const precondition = preconditionFromIfMatch(ifMatch);
    const pet = await withApiPaths(
      () => this.pets.update(id, changes, precondition, writeMetaOf(request)),
      PetV2Mapper.apiPath,
    );
    void reply.header('etag', etagOf(pet.version));
    return PetV2Mapper.fromInternal(pet);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequiresWriteToken()
  @ApiOperation({ summary: 'Delete a pet' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(400, 404, 409, 412)
  async remove(
    @Param() { id }: PetIdParams,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.pets.delete(id, preconditionFromIfMatch(ifMatch), writeMetaOf(request));
  }
}
