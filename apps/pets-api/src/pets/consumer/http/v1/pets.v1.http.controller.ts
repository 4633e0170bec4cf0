import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
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
import { CreatePetV1Body, PatchPetV1Body, PetPageV1, PetV1 } from './pet.v1.dto';
import { PetV1Mapper } from './pet.v1.mapper';

const MEDIA_TYPES = ['application/json', 'application/yaml'];

@ApiTags('pets v1')
@ApiProduces(...MEDIA_TYPES)
@ApiProblems(406, 503)
@Controller('v1/pets')
export class PetsV1HttpController {
  constructor(private readonly pets: PetService) {}

  @Post()
  @HttpCode(201)
  @RequiresWriteToken()
  @ApiOperation({ summary: 'Create a pet' })
  @ApiConsumes(...MEDIA_TYPES)
  @ApiCreatedResponse({ type: PetV1, description: 'Created; `Location` names the new pet.' })
  @ApiProblems(400, 413, 415)
  async create(
    @Body() body: CreatePetV1Body,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PetV1> {
    const pet = await withApiPaths(
      () => this.pets.create(PetV1Mapper.toInternal(body), writeMetaOf(request)),
      PetV1Mapper.apiPath,
    );
    void reply.header('location', `/v1/pets/${pet.id}`);
    return PetV1Mapper.fromInternal(pet);
  }

  @Get()
  @ApiOperation({ summary: 'List pets, optionally by tag and location, a page at a time (ordered by id)' })
  @ApiOkResponse({ type: PetPageV1 })
  @ApiProblems(400)
  async list(@Query() query: ListPetsQuery): Promise<PetPageV1> {
    const page = await withApiPaths(
      () =>
        this.pets.list({
          tag: query.tag,
          location: query.location,
          limit: query.limit ?? PET_RULES.pageSize.default,
          after: decodeCursor(query.cursor),
        }),
      PetV1Mapper.apiPath,
    );
    return PetV1Mapper.pageFromInternal(page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a pet' })
  @ApiOkResponse({ type: PetV1 })
  @ApiProblems(400, 404)
  async get(@Param() { id }: PetIdParams): Promise<PetV1> {
    return PetV1Mapper.fromInternal(await this.pets.get(id));
  }

  @Patch(':id')
  @RequiresWriteToken()
  @ApiOperation({ summary: 'Change any of name, location and tags' })
  @ApiConsumes(...MEDIA_TYPES)
  @ApiOkResponse({ type: PetV1 })
  @ApiProblems(400, 404, 413, 415)
  async update(
    @Param() { id }: PetIdParams,
    @Body() body: PatchPetV1Body,
    @Req() request: FastifyRequest,
  ): Promise<PetV1> {
    const changes = PetV1Mapper.changesToInternal(body);
    const pet = await withApiPaths(
      () => this.pets.update(id, changes, undefined, writeMetaOf(request)),
      PetV1Mapper.apiPath,
    );
    return PetV1Mapper.fromInternal(pet);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequiresWriteToken()
  @ApiOperation({ summary: 'Delete a pet' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblems(400, 404)
  async remove(@Param() { id }: PetIdParams, @Req() request: FastifyRequest): Promise<void> {
    await this.pets.delete(id, undefined, writeMetaOf(request));
  }
}
