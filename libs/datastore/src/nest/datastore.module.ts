import {
  type DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DatastoreConnection } from '../datastore.connection';
import { DatastoreLifecycle } from './datastore.lifecycle';
import { openDatastore, type OpenDatastoreOptions } from './open-datastore';

const OPENED = Symbol('opened datastore');

@Injectable()
class DatastoreHooks implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(DatastoreLifecycle) private readonly lifecycle: DatastoreLifecycle) {}

  async onModuleInit(): Promise<void> {
    await this.lifecycle.start();
  }

  // After the HTTP server has stopped and in-flight requests finished (Nest
  // closes the server before this hook), so no request loses its pool.
  async onApplicationShutdown(): Promise<void> {
    await this.lifecycle.stop();
  }
}

/**
 * Gives the application one DatastoreConnection (PostgreSQL, MongoDB, or the
 * embedded PostgreSQL), with its schema set up at start-up and closed last.
 */
@Global()
@Module({})
export class DatastoreModule {
  static forRoot(options: OpenDatastoreOptions): DynamicModule {
    return {
      module: DatastoreModule,
      providers: [
        { provide: OPENED, useFactory: () => openDatastore(options) },
        {
          provide: DatastoreConnection,
          inject: [OPENED],
          useFactory: (opened: Awaited<ReturnType<typeof openDatastore>>) => opened.connection,
        },
        {
          provide: DatastoreLifecycle,
          inject: [OPENED],
          useFactory: (opened: Awaited<ReturnType<typeof openDatastore>>) => opened.lifecycle,
        },
        DatastoreHooks,
      ],
      exports: [DatastoreConnection],
    };
  }
}
