import type { Pool } from 'pg';

/**
 * True for the embedded store (PGlite behind our wire server): one backend
 * session shared by every client, where per-session state such as named
 * prepared statements would collide. It says so in its version string.
 */
export async function isSharedSessionServer(pool: Pick<Pool, 'query'>): Promise<boolean> {
  const { rows } = await pool.query<{ version: string }>('SELECT version() AS version');
  return /PGlite|wasm32/i.test(rows[0]?.version ?? '');
}
