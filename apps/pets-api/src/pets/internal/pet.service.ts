import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { PetRepository } from '../datasource/pet.repository.port';
import type {
  Pet,
  PetChanges,
  PetDraft,
  PetId,
  PetPage,
  PetQuery,
  VersionPrecondition,
  WriteMeta,
} from './pet';
import {
  PetNotFoundError,
  PetRulesViolatedError,
  PetVersionMismatchError,
  PetWriteConflictError,
} from './pet.errors';
import {
  checkLocation,
  checkName,
  checkTag,
  checkTags,
  normalizeLocation,
  normalizeName,
  normalizeTag,
  normalizeTags,
  type RuleViolation,
} from './pet.rules';

// A read-modify-write that loses a race re-reads and tries again; more than a
// few losses in a row means heavy contention on one pet.
const MAX_WRITE_ATTEMPTS = 5;

/** The application's behaviour for pets (the articles' internal layer). */
@Injectable()
export class PetService {
  constructor(private readonly pets: PetRepository) {}

  async create(draft: PetDraft, meta: WriteMeta): Promise<Pet> {
    const fields = normalizeDraft(draft);
    const now = new Date();
    const pet: Pet = { id: uuidv7(), ...fields, version: 1, createdAt: now, updatedAt: now };
    await this.pets.insert(pet, meta);
    return pet;
  }

  async get(id: PetId): Promise<Pet> {
    const pet = await this.pets.findById(id);
    if (!pet) throw new PetNotFoundError(id);
    return pet;
  }

  async update(
    id: PetId,
    changes: PetChanges,
    precondition: VersionPrecondition | undefined,
    meta: WriteMeta,
  ): Promise<Pet> {
    const normalized = normalizeChanges(changes);
    // One atomic step in the store: no read-modify-write, so no lost update
    // and no retry, in one round trip.
    const outcome = await this.pets.update(
      id,
      normalized,
      {
        expectedVersions: precondition && 'versions' in precondition ? precondition.versions : undefined,
        updatedAt: new Date(),
      },
      meta,
    );
    if (outcome.kind === 'not-found') throw new PetNotFoundError(id);
    if (outcome.kind === 'version-mismatch') throw new PetVersionMismatchError(id, outcome.currentVersion);
    return outcome.pet;
  }

  async delete(id: PetId, precondition: VersionPrecondition | undefined, meta: WriteMeta): Promise<void> {
    if (!precondition) {
      if ((await this.pets.remove(id, undefined, meta)) === 'not-found') throw new PetNotFoundError(id);
      return;
    }
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const current = await this.get(id);
      assertPrecondition(current, precondition);
      const outcome = await this.pets.remove(id, current.version, meta);
      if (outcome === 'removed') return;
      if (outcome === 'not-found') throw new PetNotFoundError(id);
    }
    throw new PetWriteConflictError(id);
  }

  async list(query: PetQuery): Promise<PetPage> {
    const violations: RuleViolation[] = [];
    const tag = query.tag === undefined ? undefined : normalizeTag(query.tag);
    const location = query.location === undefined ? undefined : normalizeLocation(query.location);
    if (tag !== undefined) violations.push(...checkTag(tag));
    if (location !== undefined) violations.push(...checkLocation(location));
    if (violations.length > 0) throw new PetRulesViolatedError(violations);
    return this.pets.list({ ...query, tag, location });
  }

  /** Whether the datastore answers: for readiness. */
  ping(): Promise<void> {
    return this.pets.ping();
  }
}

function normalizeDraft(draft: PetDraft): PetDraft {
  const name = normalizeName(draft.name);
  const location = normalizeLocation(draft.location);
  const violations = [...checkName(name), ...checkLocation(location), ...checkTags(draft.tags)];
  if (violations.length > 0) throw new PetRulesViolatedError(violations);
  return { name, location, tags: normalizeTags(draft.tags) };
}

function normalizeChanges(changes: PetChanges): PetChanges {
  const violations: RuleViolation[] = [];
  const normalized: { -readonly [K in keyof PetChanges]: PetChanges[K] } = {};
  if (changes.name !== undefined) {
    normalized.name = normalizeName(changes.name);
    violations.push(...checkName(normalized.name));
  }
  if (changes.location !== undefined) {
    normalized.location = normalizeLocation(changes.location);
    violations.push(...checkLocation(normalized.location));
  }
  if (changes.tags !== undefined) {
    violations.push(...checkTags(changes.tags));
    normalized.tags = normalizeTags(changes.tags);
  }
  if (violations.length > 0) throw new PetRulesViolatedError(violations);
  return normalized;
}

function assertPrecondition(current: Pet, precondition: VersionPrecondition | undefined): void {
  if (!precondition || 'anyVersion' in precondition) return;
  if (!precondition.versions.includes(current.version))
    throw new PetVersionMismatchError(current.id, current.version);
}
