import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@pets/config';
import { DatastoreConnection } from '@pets/datastore';
import { initLogging } from '@pets/logging';
import { isolatedPostgres, testPostgresUrl } from '@pets/testing';
import { Pool } from 'pg';
import { createApiApp } from '../../src/bootstrap/create-api-app';
import { ApiSettings } from '../../src/config/api.settings';

export const TEST_TOKEN = 'test-token-123456';

export interface TestApi {
  url: string;
  app: NestFastifyApplication;
  /** A direct connection to the same database, to check what was (not) written. */
  db: Pool;
  /** Which store this run uses: PostgreSQL when one answers, else the embedded PGlite. */
  store: 'postgres' | 'embedded';
  /** Closes the application only (as a SIGTERM would), once; close() then cleans up the rest. */
  closeApp(): Promise<void>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  env?: NodeJS.ProcessEnv;
  /** Use this database (already migrated or not) instead of a fresh schema; the caller cleans it up. */
  databaseUrl?: string;
  /** A DATASTORE_URL to use instead of a fresh schema (e.g. through a TcpProxy). */
  datastoreUrl?: (isolatedUrl: string) => string;
}

/**
 * The API as users run it (same factory as main.ts), listening on a real port
 * and talking to a real database: a fresh PostgreSQL schema when PostgreSQL is
 * available, otherwise an in-memory embedded PGlite server.
 */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const database =
    options.databaseUrl === undefined && testPostgresUrl
      ? await isolatedPostgres(testPostgresUrl, 'http')
      : undefined;
  const datastoreUrl =
    options.databaseUrl ?? (database ? (options.datastoreUrl?.(database.url) ?? database.url) : undefined);
  const settings = loadConfig(ApiSettings, {
    env: {
      API_TOKENS: TEST_TOKEN,
      EMBEDDED_DATA_DIR: 'memory://',
      LOG_LEVEL: 'error',
      ...(datastoreUrl ? { DATASTORE_URL: datastoreUrl } : {}),
      ...options.env,
    },
  });
  const logging = initLogging({ service: 'pets-api-test', ...settings.logging });
  const app = await createApiApp(settings, logging);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const directUrl = options.databaseUrl ?? database?.url ?? embeddedUrlOf(app);
  // A direct connection for checks, on PostgreSQL-speaking stores only.
  const pool = directUrl.startsWith('mongodb')
    ? undefined
    : new Pool({ connectionString: directUrl, max: 2 });
  let appClosing: Promise<void> | undefined;
  const closeApp = (): Promise<void> => (appClosing ??= app.close());
  return {
    url,
    app,
    closeApp,
    get db(): Pool {
      if (!pool) throw new Error('no direct SQL connection on a MongoDB store');
      return pool;
    },
    store: datastoreUrl ? 'postgres' : 'embedded',
    close: async () => {
      await pool?.end();
      await closeApp();
      await database?.drop();
    },
  };
}

// The embedded server's URL, as the app's own pool knows it.
function embeddedUrlOf(app: NestFastifyApplication): string {
  const pool = app.get(DatastoreConnection).requirePg() as unknown as {
    options: { connectionString: string };
  };
  return pool.options.connectionString;
}
