import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { PetRepository } from '../../src/pets/datasource/pet.repository.port';
import type { Pet } from '../../src/pets/internal/pet';

export interface Placement {
  location: string;
  tags: string[];
}

/** A change-log entry as the contract sees it, whatever the store's layout. */
export interface ChangeEntry {
  petId: string;
  before: Placement | null;
  after: Placement | null;
  reqId: string | null;
}

export interface ContractSubject {
  repository: PetRepository;
  /** Every change-log entry of one pet, in log order. */
  changesOf(petId: string): Promise<ChangeEntry[]>;
  close(): Promise<void>;
}

/** A word unique to one test, so tests sharing a database never see each other's pets. */
function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

function newPet(overrides: Partial<Pet> = {}): Pet {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  return {
    id: uuidv7(),
    name: 'Rex',
    location: 'house',
    tags: ['dog', 'mammal'],
    version: 1,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/**
 * The behaviour every PetRepository adapter must have. Run against each store
 * that can be had (PostgreSQL, the embedded PGlite, MongoDB).
 */
export function petRepositoryContract(open: () => Promise<ContractSubject>): void {
  let subject: ContractSubject;
  let pets: PetRepository;

  beforeAll(async () => {
    subject = await open();
    pets = subject.repository;
  });
  afterAll(async () => {
    await subject?.close();
  });

  describe('insert and findById', () => {
    it('stores a pet and reads it back unchanged', async () => {
      const pet = newPet({ name: 'Zoë ✨ the "cat"', tags: ['a', 'b-c', 'ü'] });
      await pets.insert(pet, { reqId: 'req-1' });
      expect(await pets.findById(pet.id)).toEqual(pet);
    });

    it('answers undefined for an unknown id', async () => {
      expect(await pets.findById(uuidv7())).toBeUndefined();
    });

    it('appends one change with no "before", carrying the request id', async () => {
      const pet = newPet({ location: unique('loc'), tags: ['x', 'y'] });
      await pets.insert(pet, { reqId: 'req-insert' });
      expect(await subject.changesOf(pet.id)).toEqual([
        {
          petId: pet.id,
          before: null,
          after: { location: pet.location, tags: ['x', 'y'] },
          reqId: 'req-insert',
        },
      ]);
    });

    it('stores a pet without tags', async () => {
      const pet = newPet({ tags: [] });
      await pets.insert(pet, {});
      expect((await pets.findById(pet.id))?.tags).toEqual([]);
    });
  });

  describe('update', () => {
    const at = (pet: Pet, seconds = 1) => new Date(pet.updatedAt.getTime() + seconds * 1000);

    it('applies the given fields, bumps the version and answers the stored pet', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      const outcome = await pets.update(
        pet.id,
        { name: 'Max', location: 'backyard' },
        { updatedAt: at(pet) },
        { reqId: 'req-move' },
      );
      const expected = { ...pet, name: 'Max', location: 'backyard', version: 2, updatedAt: at(pet) };
      expect(outcome).toEqual({ kind: 'updated', pet: expected });
      expect(await pets.findById(pet.id)).toEqual(expected);
    });

    it('logs a change with before and after when the location moves', async () => {
      const pet = newPet({ location: 'house', tags: ['dog'] });
      await pets.insert(pet, {});
      await pets.update(pet.id, { location: 'frontyard' }, { updatedAt: at(pet) }, { reqId: 'req-move' });
      const changes = await subject.changesOf(pet.id);
      expect(changes).toHaveLength(2);
      expect(changes[1]).toEqual({
        petId: pet.id,
        before: { location: 'house', tags: ['dog'] },
        after: { location: 'frontyard', tags: ['dog'] },
        reqId: 'req-move',
      });
    });

    it('logs a change when only the tags change', async () => {
      const pet = newPet({ tags: ['dog'] });
      await pets.insert(pet, {});
      await pets.update(pet.id, { tags: ['dog', 'puppy'] }, { updatedAt: at(pet) }, {});
      const changes = await subject.changesOf(pet.id);
      expect(changes.map((c) => c.after?.tags)).toEqual([['dog'], ['dog', 'puppy']]);
    });

    it('logs nothing when neither location nor tags change', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      const outcome = await pets.update(
        pet.id,
        { name: 'Renamed', location: pet.location },
        { updatedAt: at(pet) },
        {},
      );
      expect(outcome.kind).toBe('updated');
      expect(await subject.changesOf(pet.id)).toHaveLength(1);
    });

    it('with expected versions, refuses any other and changes nothing', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      await pets.update(pet.id, { name: 'Two' }, { updatedAt: at(pet) }, {});
      expect(
        await pets.update(
          pet.id,
          { location: 'backyard' },
          { expectedVersions: [1, 3], updatedAt: at(pet, 2) },
          {},
        ),
      ).toEqual({ kind: 'version-mismatch', currentVersion: 2 });
      expect((await pets.findById(pet.id))?.location).toBe('house');
      expect(await subject.changesOf(pet.id)).toHaveLength(1);
      const matched = await pets.update(
        pet.id,
        { location: 'backyard' },
        { expectedVersions: [1, 2], updatedAt: at(pet, 3) },
        {},
      );
      expect(matched.kind === 'updated' && matched.pet.version).toBe(3);
    });

    it('answers not-found for a pet that does not exist, with or without expected versions', async () => {
      const ghost = newPet();
      expect(await pets.update(ghost.id, { name: 'x' }, { updatedAt: at(ghost) }, {})).toEqual({
        kind: 'not-found',
      });
      expect(
        await pets.update(ghost.id, { name: 'x' }, { expectedVersions: [1], updatedAt: at(ghost) }, {}),
      ).toEqual({ kind: 'not-found' });
    });

    it('lets exactly one of many concurrent writers of the same expected version win', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      const outcomes = await Promise.all(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((suffix) =>
          pets.update(
            pet.id,
            { location: `place-${suffix}` },
            { expectedVersions: [1], updatedAt: at(pet) },
            {},
          ),
        ),
      );
      expect(outcomes.filter((o) => o.kind === 'updated')).toHaveLength(1);
      const stored = await pets.findById(pet.id);
      expect(stored?.version).toBe(2);
      const changes = await subject.changesOf(pet.id);
      expect(changes).toHaveLength(2);
      expect(changes[1].after?.location).toBe(stored?.location);
    });

    it('answers each of many concurrent updates of different pets with its own outcome', async () => {
      // Enough at once for a store that groups concurrent updates to group
      // them: each must still get its own answer and its own log entry.
      const stored = Array.from({ length: 48 }, (_, index) =>
        newPet({ location: `from-${index}`, tags: [`tag-${index}`] }),
      );
      await Promise.all(stored.map((pet) => pets.insert(pet, {})));
      const ghosts = Array.from({ length: 6 }, () => newPet());
      const outcomes = await Promise.all([
        ...stored.map((pet, index) =>
          pets.update(
            pet.id,
            index % 4 === 3 ? { name: `renamed-${index}` } : { location: `to-${index}` },
            // Every fifth names a version the pet does not have.
            { expectedVersions: index % 5 === 4 ? [7] : [1], updatedAt: at(pet) },
            { reqId: `req-${index}` },
          ),
        ),
        ...ghosts.map((ghost) =>
          pets.update(ghost.id, { location: 'nowhere' }, { updatedAt: at(ghost) }, {}),
        ),
      ]);
      for (const [index, pet] of stored.entries()) {
        const changes = await subject.changesOf(pet.id);
        if (index % 5 === 4) {
          expect(outcomes[index]).toEqual({ kind: 'version-mismatch', currentVersion: 1 });
          expect(changes).toHaveLength(1);
          continue;
        }
        const expected =
          index % 4 === 3
            ? { ...pet, name: `renamed-${index}`, version: 2, updatedAt: at(pet) }
            : { ...pet, location: `to-${index}`, version: 2, updatedAt: at(pet) };
        expect(outcomes[index]).toEqual({ kind: 'updated', pet: expected });
        expect(await pets.findById(pet.id)).toEqual(expected);
        if (index % 4 === 3) {
          expect(changes).toHaveLength(1);
        } else {
          expect(changes.slice(1)).toEqual([
            {
              petId: pet.id,
              before: { location: `from-${index}`, tags: [`tag-${index}`] },
              after: { location: `to-${index}`, tags: [`tag-${index}`] },
              reqId: `req-${index}`,
            },
          ]);
        }
      }
      expect(outcomes.slice(stored.length)).toEqual(ghosts.map(() => ({ kind: 'not-found' })));
    });

    it('applies every one of many concurrent unconditional updates, each logging what it replaced', async () => {
      const pet = newPet({ location: 'start', tags: ['t0'] });
      await pets.insert(pet, {});
      const writes = Array.from({ length: 12 }, (_, index) =>
        index % 3 === 2 ? { tags: [`t${index}`] } : { location: `place-${index}` },
      );
      const outcomes = await Promise.all(
        writes.map((changes) => pets.update(pet.id, changes, { updatedAt: at(pet) }, {})),
      );
      expect(outcomes.every((o) => o.kind === 'updated')).toBe(true);
      const stored = await pets.findById(pet.id);
      expect(stored?.version).toBe(1 + writes.length);
      // The log is a chain: each entry starts where some other one ended, and
      // together they lead from the inserted placement to the stored one.
      const changes = await subject.changesOf(pet.id);
      expect(changes).toHaveLength(1 + writes.length);
      const key = (p: Placement | null) => (p ? `${p.location}|${p.tags.join(',')}` : 'none');
      const befores = changes.map((c) => key(c.before)).sort();
      const afters = [...changes.map((c) => key(c.after)), 'none'].sort();
      expect([...befores, key({ location: stored!.location, tags: [...stored!.tags] })].sort()).toEqual(
        afters,
      );
    });
  });

  describe('remove', () => {
    it('removes a pet and logs its last placement', async () => {
      const pet = newPet({ location: 'backyard', tags: ['cat'] });
      await pets.insert(pet, {});
      expect(await pets.remove(pet.id, undefined, { reqId: 'req-del' })).toBe('removed');
      expect(await pets.findById(pet.id)).toBeUndefined();
      const changes = await subject.changesOf(pet.id);
      expect(changes[changes.length - 1]).toEqual({
        petId: pet.id,
        before: { location: 'backyard', tags: ['cat'] },
        after: null,
        reqId: 'req-del',
      });
    });

    it('answers not-found for a missing pet, with or without a version, and logs nothing', async () => {
      const id = uuidv7();
      expect(await pets.remove(id, undefined, {})).toBe('not-found');
      expect(await pets.remove(id, 3, {})).toBe('not-found');
      expect(await subject.changesOf(id)).toEqual([]);
    });

    it('checks the expected version', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      expect(await pets.remove(pet.id, 7, {})).toBe('version-mismatch');
      expect(await pets.findById(pet.id)).toBeDefined();
      expect(await pets.remove(pet.id, 1, {})).toBe('removed');
    });

    it('removes once under concurrent removals', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      const outcomes = await Promise.all([1, 2, 3, 4].map(() => pets.remove(pet.id, undefined, {})));
      expect(outcomes.filter((o) => o === 'removed')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'not-found')).toHaveLength(3);
      expect((await subject.changesOf(pet.id)).filter((c) => c.after === null)).toHaveLength(1);
    });
  });

  describe('list', () => {
    let tag: string;
    let location: string;
    let tagged: Pet[];

    beforeAll(async () => {
      tag = unique('tag');
      location = unique('loc');
      tagged = [];
      for (let index = 0; index < 7; index++) {
        const pet = newPet({
          name: `pet ${index}`,
          tags: [tag, 'common'],
          location: index % 2 === 0 ? location : 'house',
        });
        tagged.push(pet);
        await pets.insert(pet, {});
      }
      tagged.sort((a, b) => (a.id < b.id ? -1 : 1));
    });

    it('filters by tag, in id order', async () => {
      const page = await pets.list({ tag, limit: 50 });
      expect(page.items).toEqual(tagged);
      expect(page.next).toBeUndefined();
    });

    it('filters by location and by both', async () => {
      const here = tagged.filter((p) => p.location === location);
      expect((await pets.list({ location, limit: 50 })).items).toEqual(here);
      expect((await pets.list({ tag, location, limit: 50 })).items).toEqual(here);
    });

    it('pages with limit and after, without gaps or repeats', async () => {
      const seen: Pet[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await pets.list({ tag, limit: 3, after });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items);
        after = page.next;
        pages++;
      } while (after && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(tagged);
    });

    it('says there is no next page when the last page is exactly full', async () => {
      const page = await pets.list({ tag, limit: 7 });
      expect(page.items).toHaveLength(7);
      expect(page.next).toBeUndefined();
      const almost = await pets.list({ tag, limit: 6 });
      expect(almost.next).toBe(tagged[5].id);
    });

    it('matches tags exactly, with no pattern characters interpreted', async () => {
      const odd = unique('50%_off');
      const pet = newPet({ tags: [odd] });
      await pets.insert(pet, {});
      expect((await pets.list({ tag: odd, limit: 10 })).items.map((p) => p.id)).toEqual([pet.id]);
      expect((await pets.list({ tag: odd.replace('%', 'x'), limit: 10 })).items).toEqual([]);
      expect((await pets.list({ tag: '%', limit: 10 })).items).toEqual([]);
    });

    it('answers an empty page for a tag nobody has', async () => {
      expect(await pets.list({ tag: unique('none'), limit: 10 })).toEqual({ items: [], next: undefined });
    });
  });

  it('answers a ping', async () => {
    await expect(pets.ping()).resolves.toBeUndefined();
  });
}
