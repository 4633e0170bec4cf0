import type { Pool } from 'pg';
import type { Logger } from '@pets/logging';
import type { SqlMigration } from './sql-migration';

// Any constant works; it only has to be the same in every process.
const MIGRATION_LOCK_KEY = 7_163_405_201;

/**
 * Applies pending migrations in order, recording each in `schema_migrations`.
 * Everything runs in one transaction under a transaction-level advisory lock,
 * so API pods and workers starting together apply each step exactly once, and
 * a failed step leaves the schema as it was.
 */
export async function migratePostgres(
  pool: Pool,
  migrations: readonly SqlMigration[],
  log: Logger,
): Promise<number[]> {
  const ordered = [...migrations].sort((a, b) => a.id - b.id);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL statement_timeout = 0');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ id: number; name: string }>(
      'SELECT id, name FROM schema_migrations',
    );
    const applied = new Map(rows.map((row) => [row.id, row.name]));
    for (const [id, name] of applied) {
      const known = ordered.find((migration) => migration.id === id);
      if (known && known.name !== name) {
        throw new Error(
          `schema_migrations says step ${id} is "${name}", this build calls it "${known.name}"`,
        );
      }
    }
    const pending = ordered.filter((migration) => !applied.has(migration.id));
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [
        migration.id,
        migration.name,
      ]);
      log.info({ id: migration.id, name: migration.name }, 'schema migration applied');
    }
    await client.query('COMMIT');
    return pending.map((migration) => migration.id);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
