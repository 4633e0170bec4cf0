import type { Provider } from '@nestjs/common';
import { DatastoreSettings } from '@pets/config';
import { DatastoreConnection } from '@pets/datastore';
import { MongoPetRepository } from './mongodb/pet.mongodb.repository';
import { PetRepository } from './pet.repository.port';
import { PostgresPetRepository } from './postgres/pet.postgres.repository';

/** The adapter for the store DATASTORE_URL names (the embedded store speaks PostgreSQL). */
export const petRepositoryProvider: Provider = {
  provide: PetRepository,
  inject: [DatastoreConnection, DatastoreSettings],
  useFactory: (connection: DatastoreConnection, settings: DatastoreSettings): PetRepository =>
    connection.kind === 'mongodb'
      ? new MongoPetRepository(connection, settings)
      : new PostgresPetRepository(connection, settings),
};
