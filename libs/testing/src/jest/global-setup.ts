import { Client } from 'pg';

// Decides once, before any suite runs, which real datastores the suites get.
// Suites read the outcome from the environment (workers inherit it) and skip
// what is missing; each missing backend is announced in one line.

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
const MONGO_IMAGE = process.env.MONGODB_TEST_IMAGE ?? 'mongo:8.0';

type Stoppable = { stop(): Promise<unknown> };
const globals = globalThis as typeof globalThis & { __petsMongoContainer?: Stoppable };

export default async function globalSetup(): Promise<void> {
  await probePostgres();
  await probeMongo();
}

async function probePostgres(): Promise<void> {
  const url = process.env.DATABASE_URL || DEFAULT_POSTGRES_URL;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    process.env.PETS_TEST_POSTGRES_URL = url;
  } catch (error) {
    const reason = `no PostgreSQL at ${redact(url)} (${(error as Error).message})`;
    if (process.env.REQUIRE_POSTGRES === '1') throw new Error(`REQUIRE_POSTGRES=1 but ${reason}`);
    process.env.PETS_TEST_POSTGRES_SKIP = reason;
    announce(`PostgreSQL suites skipped: ${reason}; set DATABASE_URL to run them`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeMongo(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.PETS_TEST_MONGODB_URL = process.env.MONGODB_URI;
    return;
  }
  try {
    // Loaded lazily: only machines that can run containers pay for it.
    const { MongoDBContainer } = await import('@testcontainers/mongodb');
    const container = await withTimeout(new MongoDBContainer(MONGO_IMAGE).start(), 120_000);
    globals.__petsMongoContainer = container;
    // The module starts a single-member replica set: transactions work.
    process.env.PETS_TEST_MONGODB_URL = `${container.getConnectionString()}/pets_test?directConnection=true`;
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    process.env.PETS_TEST_MONGODB_SKIP = reason;
    announce(
      `MongoDB suites skipped: MONGODB_URI is not set and Testcontainers could not start ${MONGO_IMAGE} (${reason})`,
    );
  }
}

export async function stopMongoContainer(): Promise<void> {
  await globals.__petsMongoContainer?.stop();
}

function announce(line: string): void {
  process.stderr.write(`\n${line}\n`);
}

function redact(url: string): string {
  return url.replace(/(:\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref(),
    ),
  ]);
}
