import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DatastoreConnection, pgStatement } from '@pets/datastore';
import type { Pet, PetId, PetPage, PetQuery, WriteMeta } from '../../internal/pet';
import { PetRepository, type RemoveOutcome } from '../pet.repository.port';
import { PET_COLUMNS, petFromRow, type PetRow, rowValuesOf } from './pet.postgres.mapper';

// Each write is a single statement: the pet row and its change-log row commit
// together (a statement is its own transaction), in one round trip. Sibling
// CTEs share one snapshot, so `previous` sees the row as it was before `updated`.
// (`previous` must not say FOR UPDATE: it runs after `updated`, and row locking
// skips rows the same command already modified.) Every write bumps `version`,
// so when `updated` matches the expected version, the snapshot's row is the
// true "before"; when a concurrent writer got there first, `updated` matches
// nothing and no change is logged.

const INSERT = pgStatement(
  'pets.insert',
  `
  WITH inserted AS (
    INSERT INTO pets (${PET_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
    RETURNING id, location, tags
  )
  INSERT INTO pet_changes (pet_id, after_location, after_tags, req_id)
  SELECT id, location, tags, $8 FROM inserted`,
);

const REPLACE = pgStatement(
  'pets.replace',
  `
  WITH previous AS (
    SELECT location, tags FROM pets WHERE id = $1 AND version = $7
  ), updated AS (
    UPDATE pets SET name = $2, location = $3, tags = $4, version = $5, updated_at = $6
    WHERE id = $1 AND version = $7
    RETURNING id, location, tags
  ), change AS (
    INSERT INTO pet_changes (pet_id, before_location, before_tags, after_location, after_tags, req_id)
    SELECT u.id, p.location, p.tags, u.location, u.tags, $8 FROM updated u CROSS JOIN previous p
    WHERE p.location IS DISTINCT FROM u.location OR p.tags IS DISTINCT FROM u.tags
  )
  SELECT count(*)::int AS replaced FROM updated`,
);

const REMOVE = pgStatement(
  'pets.remove',
  `
  WITH removed AS (
    DELETE FROM pets WHERE id = $1 AND ($2::integer IS NULL OR version = $2)
    RETURNING id, location, tags
  ), change AS (
    INSERT INTO pet_changes (pet_id, before_location, before_tags, req_id)
    SELECT id, location, tags, $3 FROM removed
  )
  SELECT count(*)::int AS removed FROM removed`,
);

const FIND = pgStatement('pets.find', `SELECT ${PET_COLUMNS} FROM pets WHERE id = $1`);

/** Pets in PostgreSQL (and in the embedded PGlite, which speaks the same SQL). */
@Injectable()
export class PostgresPetRepository extends PetRepository {
  private readonly pool: Pool;

  constructor(private readonly connection: DatastoreConnection) {
    super();
    this.pool = connection.requirePg();
  }

  async insert(pet: Pet, meta: WriteMeta): Promise<void> {
    await this.connection.call(() =>
      this.pool.query(this.connection.pgQuery(INSERT, [...rowValuesOf(pet), meta.reqId ?? null])),
    );
  }

  async findById(id: PetId): Promise<Pet | undefined> {
    const { rows } = await this.connection.call(() =>
      this.pool.query<PetRow>(this.connection.pgQuery(FIND, [id])),
    );
    return rows[0] && petFromRow(rows[0]);
  }

  async replace(next: Pet, expectedVersion: number, meta: WriteMeta): Promise<boolean> {
    const { rows } = await this.connection.call(() =>
      this.pool.query<{ replaced: number }>(
        this.connection.pgQuery(REPLACE, [
          next.id,
          next.name,
          next.location,
          next.tags,
          next.version,
          next.updatedAt,
          expectedVersion,
          meta.reqId ?? null,
        ]),
      ),
    );
    return rows[0].replaced === 1;
  }

  async remove(id: PetId, expectedVersion: number | undefined, meta: WriteMeta): Promise<RemoveOutcome> {
    const { rows } = await this.connection.call(() =>
      this.pool.query<{ removed: number }>(
        this.connection.pgQuery(REMOVE, [id, expectedVersion ?? null, meta.reqId ?? null]),
      ),
    );
    if (rows[0].removed === 1) return 'removed';
    if (expectedVersion === undefined) return 'not-found';
    return (await this.findById(id)) ? 'version-mismatch' : 'not-found';
  }

  async list(query: PetQuery): Promise<PetPage> {
    // Only the filters in use appear in the SQL, so each shape gets the plan
    // that fits it (GIN on tags, (location, id), or the primary key).
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.tag !== undefined) conditions.push(`tags @> ARRAY[$${params.push(query.tag)}::text]`);
    if (query.location !== undefined) conditions.push(`location = $${params.push(query.location)}`);
    if (query.after !== undefined) conditions.push(`id > $${params.push(query.after)}`);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const sql = `SELECT ${PET_COLUMNS} FROM pets ${where} ORDER BY id LIMIT $${params.push(query.limit + 1)}`;
    const { rows } = await this.connection.call(() => this.pool.query<PetRow>(sql, params));
    const items = rows.slice(0, query.limit).map(petFromRow);
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : undefined };
  }

  async ping(): Promise<void> {
    await this.connection.call(() => this.pool.query('SELECT 1'));
  }
}
