import { describeIf, isolatedPostgres, openTestDatastore, testPostgresUrl } from '@pets/testing';
import { inFencedTransaction, PostgresStreamStateStore } from '../src/postgres/stream-state.postgres';
import { type StreamStateSubject, streamStateContract } from './stream-state.contract';

async function postgresSubject(
  url: string | undefined,
  close: () => Promise<void> = () => Promise.resolve(),
): Promise<StreamStateSubject> {
  const datastore = await openTestDatastore(url ? { url } : { url: undefined, embeddedDataDir: 'memory://' });
  const connection = datastore.connection;
  const pool = connection.requirePg();
  await pool.query('CREATE TABLE IF NOT EXISTS fence_markers (marker text NOT NULL)');
  return {
    store: new PostgresStreamStateStore(connection),
    connection,
    fencedWrite: (grant, marker) =>
      inFencedTransaction(connection, grant, async (client) => {
        await client.query('INSERT INTO fence_markers (marker) VALUES ($1)', [marker]);
      }),
    markers: async () =>
      (await pool.query<{ marker: string }>('SELECT marker FROM fence_markers')).rows.map((r) => r.marker),
    close: async () => {
      await datastore.close();
      await close();
    },
  };
}

describeIf(testPostgresUrl)('StreamStateStore contract: PostgreSQL', () => {
  streamStateContract(async () => {
    const database = await isolatedPostgres(testPostgresUrl!, 'stream_state');
    return postgresSubject(database.url, () => database.drop());
  });
});

describe('StreamStateStore contract: embedded PGlite', () => {
  streamStateContract(() => postgresSubject(undefined));
});
