import type { Pool } from 'pg';
import type { ChangeEntry } from './pet-repository.contract';

interface ChangeRow {
  pet_id: string;
  before_location: string | null;
  before_tags: string[] | null;
  after_location: string | null;
  after_tags: string[] | null;
  req_id: string | null;
}

/** The change log of one pet in PostgreSQL, in the order the worker reads it. */
export async function postgresChangesOf(pool: Pool, petId: string): Promise<ChangeEntry[]> {
  const { rows } = await pool.query<ChangeRow>(
    'SELECT pet_id, before_location, before_tags, after_location, after_tags, req_id FROM pet_changes WHERE pet_id = $1 ORDER BY txid, seq',
    [petId],
  );
  return rows.map((row) => ({
    petId: row.pet_id,
    before:
      row.before_location === null ? null : { location: row.before_location, tags: row.before_tags ?? [] },
    after: row.after_location === null ? null : { location: row.after_location, tags: row.after_tags ?? [] },
    reqId: row.req_id,
  }));
}
