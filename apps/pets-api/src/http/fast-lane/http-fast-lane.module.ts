import { type DynamicModule, Global, Module } from '@nestjs/common';
import { HttpFastLane } from './http-fast-lane';

/** The lane the HTTP server was made with (createApiApp), for the modules whose routes it serves. */
@Global()
@Module({})
export class HttpFastLaneModule {
  static forRoot(lane: HttpFastLane): DynamicModule {
    return {
      module: HttpFastLaneModule,
      providers: [{ provide: HttpFastLane, useValue: lane }],
      exports: [HttpFastLane],
    };
  }
}
