import { v7 as uuidv7 } from 'uuid';
import { describeIf, isolatedPostgres, openTestDatastore, testPostgresUrl } from '@pets/testing';
import type { Pet } from '../../src/pets/internal/pet';
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

describeIf(testPostgresUrl)('PostgresPetRepository: concurrent updates share statements', () => {
  let database: Awaited<ReturnType<typeof isolatedPostgres>>;
  let store: Awaited<ReturnType<typeof openTestDatastore>>;
  let repository: PostgresPetRepository;

  beforeAll(async () => {
    database = await isolatedPostgres(testPostgresUrl!, 'pets_coalescing');
    store = await openTestDatastore({ url: database.url });
    repository = new PostgresPetRepository(store.connection);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  const newPets = (count: number): Pet[] =>
    Array.from({ length: count }, () => {
      const now = new Date(Math.floor(Date.now() / 1000) * 1000);
      return {
        id: uuidv7(),
        name: 'Rex',
        location: 'house',
        tags: ['dog'],
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
    });

  it('sends updates that arrive together in fewer statements than updates', async () => {
    const pets = newPets(40);
    await Promise.all(pets.map((pet) => repository.insert(pet, {})));
    const query = jest.spyOn(store.connection.requirePg(), 'query');
    try {
      const outcomes = await Promise.all(
        pets.map((pet) => repository.update(pet.id, { location: 'garden' }, { updatedAt: new Date() }, {})),
      );
      expect(outcomes.every((outcome) => outcome.kind === 'updated')).toBe(true);
      expect(query.mock.calls.length).toBeLessThan(pets.length / 2);
    } finally {
      query.mockRestore();
    }
  });

  it('when the server refuses one update of a batch, the others still go through', async () => {
    const pets = newPets(24);
    await Promise.all(pets.map((pet) => repository.insert(pet, {})));
    // PostgreSQL text cannot hold NUL: the server refuses this one (22021).
    const outcomes = await Promise.allSettled(
      pets.map((pet, index) =>
        repository.update(
          pet.id,
          { name: index === 13 ? 'bad\u0000name' : `good-${index}` },
          { updatedAt: new Date() },
          {},
        ),
      ),
    );
    expect(outcomes[13]).toMatchObject({ status: 'rejected', reason: { code: '22021' } });
    for (const [index, outcome] of outcomes.entries()) {
      if (index === 13) continue;
      expect(outcome).toMatchObject({
        status: 'fulfilled',
        value: { kind: 'updated', pet: { name: `good-${index}` } },
      });
    }
    expect((await repository.findById(pets[13].id))?.version).toBe(1);
  });
});
