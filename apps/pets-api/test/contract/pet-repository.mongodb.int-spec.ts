import type { Db } from 'mongodb';
import { MONGO_COLLECTIONS } from '@pets/datastore';
import { describeIf, isolatedMongoUrl, openTestDatastore, testMongoUrl } from '@pets/testing';
import type { PetChangeDocument } from '../../src/pets/datasource/mongodb/pet-change-log.mongodb';
import { MongoPetRepository } from '../../src/pets/datasource/mongodb/pet.mongodb.repository';
import { type ChangeEntry, petRepositoryContract } from './pet-repository.contract';

async function mongoChangesOf(db: Db, petId: string): Promise<ChangeEntry[]> {
  const docs = await db
    .collection<PetChangeDocument>(MONGO_COLLECTIONS.petChanges)
    .find({ petId })
    .sort({ _id: 1 })
    .toArray();
  return docs.map(({ petId: id, before, after, reqId }) => ({ petId: id, before, after, reqId }));
}

describeIf(testMongoUrl)('PetRepository contract: MongoDB', () => {
  petRepositoryContract(async () => {
    const store = await openTestDatastore({ url: isolatedMongoUrl(testMongoUrl!, 'pets_contract') });
    const { db } = store.connection.requireMongo();
    return {
      repository: new MongoPetRepository(store.connection, store.settings),
      changesOf: (petId) => mongoChangesOf(db, petId),
      close: async () => {
        await db.dropDatabase();
        await store.close();
      },
    };
  });

  it('numbers change-log entries without gaps, in commit order', async () => {
    const store = await openTestDatastore({ url: isolatedMongoUrl(testMongoUrl!, 'pets_seq') });
    try {
      const { db } = store.connection.requireMongo();
      const pets = new MongoPetRepository(store.connection, store.settings);
      const { v7 } = await import('uuid');
      await Promise.all(
        Array.from({ length: 20 }, (_, index) => {
          const now = new Date();
          return pets.insert(
            {
              id: v7(),
              name: `p${index}`,
              location: 'house',
              tags: ['t'],
              version: 1,
              createdAt: now,
              updatedAt: now,
            },
            {},
          );
        }),
      );
      const ids = (
        await db.collection<PetChangeDocument>(MONGO_COLLECTIONS.petChanges).find().sort({ _id: 1 }).toArray()
      ).map((doc) => doc._id);
      expect(ids).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
      await db.dropDatabase();
    } finally {
      await store.close();
    }
  });
});
