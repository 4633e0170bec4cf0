import { describeIf, isolatedPostgres, openTestDatastore, testPostgresUrl } from '@pets/testing';
import { PostgresPetRepository } from '../../src/pets/datasource/postgres/pet.postgres.repository';
import { petRepositoryContract } from './pet-repository.contract';
import { postgresChangesOf } from './postgres-change-log.reader';

describeIf(testPostgresUrl)('PetRepository contract: PostgreSQL', () => {
  petRepositoryContract(async () => {
    const database = await isolatedPostgres(testPostgresUrl!, 'pets_contract');
    const store = await openTestDatastore({ url: database.url });
    const pool = store.connection.requirePg();
    return {
      repository: new PostgresPetRepository(store.connection),
      changesOf: (petId) => postgresChangesOf(pool, petId),
      close: async () => {
        await store.close();
        await database.drop();
      },
    };
  });
});
