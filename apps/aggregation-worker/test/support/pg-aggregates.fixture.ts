import { Client, type Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';

// Writes pets and their change-log entries the way the API does (one
// transaction each), but on a client the test controls, so a transaction can
// be held open to force an interleaving.

export async function insertPet(
  client: Pool | Client,
  location: string,
  tags: string[],
  id = uuidv7(),
): Promise<string> {
  await client.query(
    `WITH inserted AS (
       INSERT INTO pets (id, name, location, tags, version, created_at, updated_at)
       VALUES ($1, 'p', $2, $3, 1, now(), now()) RETURNING id, location, tags)
     INSERT INTO pet_changes (pet_id, after_location, after_tags) SELECT id, location, tags FROM inserted`,
    [id, location, tags],
  );
  return id;
}

export async function movePet(client: Pool | Client, id: string, location: string): Promise<void> {
  await client.query(
    `WITH previous AS (SELECT location, tags FROM pets WHERE id = $1),
          updated AS (UPDATE pets SET location = $2, version = version + 1 WHERE id = $1 RETURNING id, location, tags)
     INSERT INTO pet_changes (pet_id, before_location, before_tags, after_location, after_tags)
     SELECT u.id, p.location, p.tags, u.location, u.tags FROM updated u, previous p`,
    [id, location],
  );
}

/** A client with a transaction held open. */
export async function openTransaction(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  return client;
}

/** Every non-zero count, as `tag/location` → count. */
export async function storedCounts(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ key: string; count: string }>(
    `SELECT tag || '/' || location AS key, count FROM tag_location_counts WHERE count <> 0 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.key, Number(row.count)]));
}

/** The counts recomputed from the pets, the slow way the article started with. */
export async function recount(pool: Pool): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ key: string; count: string }>(
    `SELECT tag || '/' || location AS key, count(*) AS count FROM pets CROSS JOIN LATERAL unnest(tags) AS tag GROUP BY 1 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.key, Number(row.count)]));
}
