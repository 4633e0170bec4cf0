import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DatastoreConnection, pgStatement } from '@pets/datastore';
import type { Pet, PetChanges, PetId, PetPage, PetQuery, WriteMeta } from '../../internal/pet';
import {
  PetRepository,
  type RemoveOutcome,
  type UpdateOptions,
  type UpdateOutcome,
} from '../pet.repository.port';
import { PET_COLUMNS, petFromRow, type PetRow, rowValuesOf } from './pet.postgres.mapper';

// Each write is a single statement: the pet row and its change-log row commit
// together (a statement is its own transaction), in one round trip.
//
// An update must log the placement it really replaced, even when another
// update of the same pet commits in between. `previous` locks the row FOR
// UPDATE and so reads its latest committed version (not the statement's
// snapshot); `updated` depends on it, so it runs after, on that same locked
// version. PostgreSQL 18 would say RETURNING old.*; this works from 13 on.
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

const UPDATE = pgStatement(
  'pets.update',
  `
  WITH previous AS (
    SELECT id, location, tags, version FROM pets WHERE id = $1 FOR UPDATE
  ), updated AS (
    UPDATE pets p SET
      name = COALESCE($2, p.name),
      location = COALESCE($3, p.location),
      tags = COALESCE($4::text[], p.tags),
      version = p.version + 1,
      updated_at = $5
    FROM previous
    WHERE p.id = previous.id AND ($6::integer[] IS NULL OR p.version = ANY ($6::integer[]))
    RETURNING p.id, p.name, p.location, p.tags, p.version, p.created_at, p.updated_at,
      previous.location AS before_location, previous.tags AS before_tags
  ), change AS (
    INSERT INTO pet_changes (pet_id, before_location, before_tags, after_location, after_tags, req_id)
    SELECT id, before_location, before_tags, location, tags, $7 FROM updated
    WHERE before_location IS DISTINCT FROM location OR before_tags IS DISTINCT FROM tags
  )
  SELECT previous.version AS found_version, ${PET_COLUMNS.split(', ')
    .map((column) => `updated.${column}`)
    .join(', ')}
  FROM previous LEFT JOIN updated ON true`,
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

  async update(
    id: PetId,
    changes: PetChanges,
    options: UpdateOptions,
    meta: WriteMeta,
  ): Promise<UpdateOutcome> {
    const { rows } = await this.connection.call(() =>
      this.pool.query<{ found_version: number } & Partial<PetRow>>(
        this.connection.pgQuery(UPDATE, [
          id,
          changes.name ?? null,
          changes.location ?? null,
          changes.tags ?? null,
          options.updatedAt,
          options.expectedVersions ?? null,
          meta.reqId ?? null,
        ]),
      ),
    );
    const row = rows[0];
    if (!row) return { kind: 'not-found' };
    if (row.id === null || row.id === undefined)
      return { kind: 'version-mismatch', currentVersion: row.found_version };
    return { kind: 'updated', pet: petFromRow(row as PetRow) };
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
