import { MONGO_COLLECTIONS } from '@pets/datastore';
import { describeIf, isolatedMongoUrl, openTestDatastore, testMongoUrl } from '@pets/testing';
import { inFencedMongoTransaction, MongoStreamStateStore } from '../src/mongodb/stream-state.mongodb';
import { streamStateContract } from './stream-state.contract';

describeIf(testMongoUrl)('StreamStateStore contract: MongoDB', () => {
  streamStateContract(async () => {
    const datastore = await openTestDatastore({ url: isolatedMongoUrl(testMongoUrl!, 'stream_state') });
    const connection = datastore.connection;
    const { db } = connection.requireMongo();
    const markers = db.collection<{ marker: string }>('fence_markers');
    await db.createCollection('fence_markers').catch(() => undefined);
    return {
      store: new MongoStreamStateStore(connection),
      connection,
      fencedWrite: (grant, marker) =>
        inFencedMongoTransaction(connection, grant, async (session) => {
          await markers.insertOne({ marker }, { session });
        }),
      markers: async () => (await markers.find().toArray()).map((doc) => doc.marker),
      close: async () => {
        await db.dropDatabase();
        await datastore.close();
      },
    };
  });

  it('keeps the stream document the schema created', async () => {
    const datastore = await openTestDatastore({ url: isolatedMongoUrl(testMongoUrl!, 'stream_doc') });
    const { db } = datastore.connection.requireMongo();
    expect(
      await db.collection(MONGO_COLLECTIONS.streamState).countDocuments({ _id: 'pet-aggregates' as never }),
    ).toBe(1);
    await db.dropDatabase();
    await datastore.close();
  });
});
