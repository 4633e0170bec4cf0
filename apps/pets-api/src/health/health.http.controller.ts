import { Controller, Get, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HttpProblem } from '../http/problem/problem-details';
import { ApiProblems } from '../http/openapi/api-problems.decorator';
import { PetService } from '../pets/internal/pet.service';

@ApiTags('operations')
@Controller()
export class HealthHttpController implements BeforeApplicationShutdown {
  private shuttingDown = false;

  constructor(private readonly pets: PetService) {}

  /** Liveness: the process serves HTTP. Says nothing about the datastore, so a datastore outage restarts nothing. */
  @Get('healthz')
  @ApiOperation({ summary: 'Liveness' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the datastore answers and the process is not shutting down. */
  @Get('readyz')
  @ApiOperation({ summary: 'Readiness: the datastore answers' })
  @ApiOkResponse({ schema: { example: { status: 'ready' } } })
  @ApiProblems(503)
  async readiness(): Promise<{ status: 'ready' }> {
    if (this.shuttingDown) throw new HttpProblem(503, 'Shutting down.');
    await this.pets.ping();
    return { status: 'ready' };
  }

  beforeApplicationShutdown(): void {
    this.shuttingDown = true;
  }
}
