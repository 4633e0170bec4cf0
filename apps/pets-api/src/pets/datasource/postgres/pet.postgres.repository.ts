import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DatastoreSettings } from '@pets/config';
import { DatastoreConnection, DatastoreUnavailableError, pgStatement, WriteCoalescer } from '@pets/datastore';
import type { Pet, PetChanges, PetId, PetPage, PetQuery, WriteMeta } from '../../internal/pet';
import {
  PetRepository,
  type RemoveOutcome,
  type UpdateOptions,
  type UpdateOutcome,
} from '../pet.repository.port';
import {
  MAX_UPDATES_PER_STATEMENT,
  petUpdateParameters,
  petUpdateStatement,
  type PetUpdateValues,
} from './pet-update.postgres.statements';
import { PET_COLUMNS, petFromRow, type PetRow, rowValuesOf } from './pet.postgres.mapper';

type UpdateRow = { found_version: number | null } & { [K in keyof PetRow]: PetRow[K] | null };

// Each write is a single statement: the pet row and its change-log row commit
// together (a statement is its own transaction), in one round trip. Updates
// are coalesced: under load, several go in one statement (see
// pet-update.postgres.statements.ts and WriteCoalescer).
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
  private readonly updates: WriteCoalescer<PetUpdateValues, UpdateOutcome>;

  constructor(
    private readonly connection: DatastoreConnection,
    settings: Pick<DatastoreSettings, 'writeBatchMax' | 'writeBatchesInFlight'> = new DatastoreSettings(),
  ) {
    super();
    this.pool = connection.requirePg();
    // Fewer statements in flight make bigger batches: each costs PostgreSQL
    // and this process less per update, at the price of waiting for the one ahead.
    this.updates = new WriteCoalescer(
      {
        maxInFlight: settings.writeBatchesInFlight,
        maxBatch: Math.min(settings.writeBatchMax, MAX_UPDATES_PER_STATEMENT),
        keyOf: ([id]) => id,
        // A statement error (a value the server refuses) belongs to one update:
        // run each alone so the others go through. The guard behind
        // connection.call turns an unavailable store into
        // DatastoreUnavailableError, which would fail every one of them.
        retryAloneWhen: (error) => !(error instanceof DatastoreUnavailableError),
      },
      (batch) => this.updateBatch(batch),
    );
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

  update(id: PetId, changes: PetChanges, options: UpdateOptions, meta: WriteMeta): Promise<UpdateOutcome> {
    return this.updates.submit([
      id,
      changes.name ?? null,
      changes.location ?? null,
      changes.tags ?? null,
      options.updatedAt,
      options.expectedVersions ?? null,
      meta.reqId ?? null,
    ]);
  }

  private async updateBatch(batch: readonly PetUpdateValues[]): Promise<UpdateOutcome[]> {
    const { rows } = await this.connection.call(() =>
      this.pool.query<UpdateRow>(
        this.connection.pgQuery(petUpdateStatement(batch.length), petUpdateParameters(batch)),
      ),
    );
    return rows.map((row): UpdateOutcome => {
      if (row.found_version === null) return { kind: 'not-found' };
      if (row.id === null) return { kind: 'version-mismatch', currentVersion: row.found_version };
      return { kind: 'updated', pet: petFromRow(row as PetRow) };
    });
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
    // that fits it: GIN on tags, else the primary key. Location is filtered,
    // not indexed, so that a move rewrites only the pet's row (migration 5).
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
