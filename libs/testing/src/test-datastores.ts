import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL that globalSetup found, or undefined (the suite is skipped, already announced). */
export const testPostgresUrl: string | undefined = process.env.PETS_TEST_POSTGRES_URL;

/** The MongoDB (replica set) that globalSetup found or started, or undefined. */
export const testMongoUrl: string | undefined = process.env.PETS_TEST_MONGODB_URL;

/** `describe` when the backend is available, `describe.skip` otherwise. */
export function describeIf(available: unknown): jest.Describe {
  return available ? describe : describe.skip;
}

export interface IsolatedPostgres {
  /** A URL whose connections see only this schema (search_path). */
  url: string;
  schema: string;
  drop(): Promise<void>;
}

/**
 * A fresh schema in the test database, so suites running in parallel never
 * see each other's tables; dropped at the end.
 */
export async function isolatedPostgres(baseUrl: string, label: string): Promise<IsolatedPostgres> {
  const schema = `t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await withClient(baseUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    schema,
    drop: () =>
      withClient(baseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)).then(
        () => undefined,
      ),
  };
}

/** A fresh database name on the test MongoDB, for the same reason. */
export function isolatedMongoUrl(baseUrl: string, label: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/t_${label.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
