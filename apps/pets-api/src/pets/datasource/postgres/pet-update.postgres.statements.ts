import { type PgStatement, pgStatement } from '@pets/datastore';
import { PET_COLUMNS } from './pet.postgres.mapper';

/** The parameters of one update, in the order the statements below take them. */
export type PetUpdateValues = readonly [
  id: string,
  name: string | null,
  location: string | null,
  tags: readonly string[] | null,
  updatedAt: Date,
  expectedVersions: readonly number[] | null,
  reqId: string | null,
];

const VALUES_PER_UPDATE = 7;

/** Most updates one statement takes (DATASTORE_WRITE_BATCH_MAX is capped by it). */
export const MAX_UPDATES_PER_STATEMENT = 64;

const updatedColumns = PET_COLUMNS.split(', ')
  .map((column) => `updated.${column}`)
  .join(', ');

// An update must log the placement it really replaced, even when another
// update of the same pet commits in between. `previous` locks the rows FOR
// UPDATE and so reads their latest committed version (not the statement's
// snapshot); `updated` depends on it, so it runs after, on that same locked
// version. PostgreSQL 18 would say RETURNING old.*; this works from 13 on.
//
// One statement serves 1 to MAX_UPDATES_PER_STATEMENT updates of distinct
// pets: each pet row and its change-log row still commit together, and the
// rows are locked in id order, so two such statements never deadlock.
// Per update it answers the version found (none: no such pet) and the
// stored pet (none: the expected version did not match).
function updateSql(count: number): string {
  const rows = Array.from({ length: count }, (_, index) => {
    const p = (n: number) => `$${index * VALUES_PER_UPDATE + n}`;
    return `(${index}, ${p(1)}::uuid, ${p(2)}::text, ${p(3)}::text, ${p(4)}::text[], ${p(5)}::timestamptz, ${p(6)}::integer[], ${p(7)}::text)`;
  });
  const ids = Array.from({ length: count }, (_, index) => `$${index * VALUES_PER_UPDATE + 1}::uuid`);
  return `
  WITH input (ord, id, name, location, tags, updated_at, expected, req_id) AS (
    VALUES ${rows.join(',\n      ')}
  ), previous AS (
    SELECT id, location, tags, version FROM pets WHERE id = ANY (ARRAY[${ids.join(', ')}])
    ORDER BY id FOR UPDATE
  ), updated AS (
    UPDATE pets p SET
      name = COALESCE(input.name, p.name),
      location = COALESCE(input.location, p.location),
      tags = COALESCE(input.tags, p.tags),
      version = p.version + 1,
      updated_at = input.updated_at
    FROM previous JOIN input ON input.id = previous.id
    WHERE p.id = previous.id AND (input.expected IS NULL OR p.version = ANY (input.expected))
    RETURNING p.id, p.name, p.location, p.tags, p.version, p.created_at, p.updated_at,
      previous.location AS before_location, previous.tags AS before_tags, input.req_id
  ), change AS (
    INSERT INTO pet_changes (pet_id, before_location, before_tags, after_location, after_tags, req_id)
    SELECT id, before_location, before_tags, location, tags, req_id FROM updated
    WHERE before_location IS DISTINCT FROM location OR before_tags IS DISTINCT FROM tags
  )
  SELECT previous.version AS found_version, ${updatedColumns}
  FROM input LEFT JOIN previous ON previous.id = input.id LEFT JOIN updated ON updated.id = input.id
  ORDER BY input.ord`;
}

const statements = new Map<number, PgStatement>();

/** The statement for `count` updates, built once per size (and prepared once per connection). */
export function petUpdateStatement(count: number): PgStatement {
  if (!Number.isInteger(count) || count < 1 || count > MAX_UPDATES_PER_STATEMENT) {
    throw new RangeError(`an update statement takes 1 to ${MAX_UPDATES_PER_STATEMENT} updates, not ${count}`);
  }
  let statement = statements.get(count);
  if (!statement) {
    statement = pgStatement(`pets.update.${count}`, updateSql(count));
    statements.set(count, statement);
  }
  return statement;
}

/** The parameters of `updates`, one after the other. */
export function petUpdateParameters(updates: readonly PetUpdateValues[]): unknown[] {
  return updates.flat();
}
