import { openTestDatastore } from '@pets/testing';
import { PostgresPetRepository } from '../../src/pets/datasource/postgres/pet.postgres.repository';
import { petRepositoryContract } from './pet-repository.contract';
import { postgresChangesOf } from './postgres-change-log.reader';

// The embedded default needs nothing installed, so this suite always runs: a
// PGlite server process (in memory) reached over the wire protocol, exactly as
// the API and the worker reach it when DATASTORE_URL is unset.
describe('PetRepository contract: embedded PGlite', () => {
  petRepositoryContract(async () => {
    const store = await openTestDatastore({ url: undefined, embeddedDataDir: 'memory://' });
    const pool = store.connection.requirePg();
    return {
      repository: new PostgresPetRepository(store.connection),
      changesOf: (petId) => postgresChangesOf(pool, petId),
      close: () => store.close(),
    };
  });
});
