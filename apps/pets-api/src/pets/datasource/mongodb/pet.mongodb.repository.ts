import { Injectable } from '@nestjs/common';
import type { ClientSession, Collection, Db, MongoClient } from 'mongodb';
import { DatastoreSettings } from '@pets/config';
import { DatastoreConnection, MONGO_COLLECTIONS } from '@pets/datastore';
import type { Pet, PetChanges, PetId, PetPage, PetQuery, WriteMeta } from '../../internal/pet';
import {
  PetRepository,
  type RemoveOutcome,
  type UpdateOptions,
  type UpdateOutcome,
} from '../pet.repository.port';
import { appendPetChange, placementChanged, type PetPlacement } from './pet-change-log.mongodb';
import { documentOf, petFromDocument, type PetDocument } from './pet.mongodb.mapper';

const PLACEMENT = { projection: { location: 1, tags: 1 } } as const;

/**
 * Pets in MongoDB. Writes that change location or tags run in a transaction
 * with their change-log entry (the chart runs MongoDB as a replica set).
 * Filters are built only from validated strings, never from request objects,
 * so no operator can reach a query.
 */
@Injectable()
export class MongoPetRepository extends PetRepository {
  private readonly client: MongoClient;
  private readonly db: Db;
  private readonly pets: Collection<PetDocument>;
  private readonly maxTimeMS: number;

  constructor(
    private readonly connection: DatastoreConnection,
    settings: DatastoreSettings,
  ) {
    super();
    ({ client: this.client, db: this.db } = connection.requireMongo());
    this.pets = this.db.collection<PetDocument>(MONGO_COLLECTIONS.pets);
    this.maxTimeMS = settings.timeoutMs;
  }

  async insert(pet: Pet, meta: WriteMeta): Promise<void> {
    await this.inTransaction(async (session) => {
      await this.pets.insertOne(documentOf(pet), { session });
      await appendPetChange(this.db, session, {
        petId: pet.id,
        before: null,
        after: placementOf(pet),
        reqId: meta.reqId ?? null,
      });
    });
  }

  async findById(id: PetId): Promise<Pet | undefined> {
    const doc = await this.connection.call(() =>
      this.pets.findOne({ _id: id }, { maxTimeMS: this.maxTimeMS }),
    );
    return doc ? petFromDocument(doc) : undefined;
  }

  async update(
    id: PetId,
    changes: PetChanges,
    options: UpdateOptions,
    meta: WriteMeta,
  ): Promise<UpdateOutcome> {
    const fields = fieldsOf(changes);
    const updated = await this.inTransaction(async (session) => {
      const filter =
        options.expectedVersions === undefined
          ? { _id: id }
          : { _id: id, version: { $in: [...options.expectedVersions] } };
      // The document as it was, atomically with the change: the placement logged
      // as "before" is the one this update replaced, whatever else runs.
      const before = await this.pets.findOneAndUpdate(
        filter,
        { $set: { ...fields, updatedAt: options.updatedAt }, $inc: { version: 1 } },
        { returnDocument: 'before', session },
      );
      if (!before) return undefined;
      const pet: Pet = {
        ...petFromDocument(before),
        ...fields,
        version: before.version + 1,
        updatedAt: options.updatedAt,
      };
      if (placementChanged(placementOf(before), placementOf(pet))) {
        await appendPetChange(this.db, session, {
          petId: id,
          before: placementOf(before),
          after: placementOf(pet),
          reqId: meta.reqId ?? null,
        });
      }
      return pet;
    });
    if (updated) return { kind: 'updated', pet: updated };
    const current = await this.findById(id);
    return current ? { kind: 'version-mismatch', currentVersion: current.version } : { kind: 'not-found' };
  }

  async remove(id: PetId, expectedVersion: number | undefined, meta: WriteMeta): Promise<RemoveOutcome> {
    const removed = await this.inTransaction(async (session) => {
      const filter = expectedVersion === undefined ? { _id: id } : { _id: id, version: expectedVersion };
      const before = await this.pets.findOneAndDelete(filter, { ...PLACEMENT, session });
      if (!before) return false;
      await appendPetChange(this.db, session, {
        petId: id,
        before: placementOf(before),
        after: null,
        reqId: meta.reqId ?? null,
      });
      return true;
    });
    if (removed) return 'removed';
    if (expectedVersion === undefined) return 'not-found';
    return (await this.findById(id)) ? 'version-mismatch' : 'not-found';
  }

  async list(query: PetQuery): Promise<PetPage> {
    const filter: Record<string, unknown> = {};
    if (query.tag !== undefined) filter.tags = query.tag;
    if (query.location !== undefined) filter.location = query.location;
    if (query.after !== undefined) filter._id = { $gt: query.after };
    const docs = await this.connection.call(() =>
      this.pets
        .find(filter, { sort: { _id: 1 }, limit: query.limit + 1, maxTimeMS: this.maxTimeMS })
        .toArray(),
    );
    const items = docs.slice(0, query.limit).map(petFromDocument);
    return { items, next: docs.length > query.limit ? items[items.length - 1].id : undefined };
  }

  async ping(): Promise<void> {
    await this.connection.call(() => this.db.command({ ping: 1 }));
  }

  /** Runs `work` in a transaction, retried by the driver on transient errors; bounded by the guard. */
  private inTransaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    return this.connection.call(async () => {
      const session = this.client.startSession();
      try {
        let result: T | undefined;
        await session.withTransaction(
          async () => {
            result = await work(session);
          },
          {
            readConcern: { level: 'snapshot' },
            writeConcern: { w: 'majority' },
            maxCommitTimeMS: this.maxTimeMS,
          },
        );
        return result as T;
      } finally {
        await session.endSession();
      }
    });
  }
}

/** Only the fields a change may set, copied from validated values (never a request object). */
function fieldsOf(changes: PetChanges): Partial<Pick<PetDocument, 'name' | 'location' | 'tags'>> {
  const fields: Partial<Pick<PetDocument, 'name' | 'location' | 'tags'>> = {};
  if (changes.name !== undefined) fields.name = changes.name;
  if (changes.location !== undefined) fields.location = changes.location;
  if (changes.tags !== undefined) fields.tags = [...changes.tags];
  return fields;
}

function placementOf(pet: { location: string; tags: readonly string[] }): PetPlacement {
  return { location: pet.location, tags: [...pet.tags] };
}
