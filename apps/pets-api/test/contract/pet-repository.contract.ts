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

  describe('replace', () => {
    it('replaces when the expected version is current', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      const next = {
        ...pet,
        name: 'Max',
        location: 'backyard',
        version: 2,
        updatedAt: new Date(pet.updatedAt.getTime() + 1000),
      };
      expect(await pets.replace(next, 1, { reqId: 'req-move' })).toBe(true);
      expect(await pets.findById(pet.id)).toEqual(next);
    });

    it('logs a change with before and after when the location moves', async () => {
      const pet = newPet({ location: 'house', tags: ['dog'] });
      await pets.insert(pet, {});
      await pets.replace({ ...pet, location: 'frontyard', version: 2 }, 1, { reqId: 'req-move' });
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
      await pets.replace({ ...pet, tags: ['dog', 'puppy'], version: 2 }, 1, {});
      const changes = await subject.changesOf(pet.id);
      expect(changes.map((c) => c.after?.tags)).toEqual([['dog'], ['dog', 'puppy']]);
    });

    it('logs nothing when neither location nor tags change', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      expect(await pets.replace({ ...pet, name: 'Renamed', version: 2 }, 1, {})).toBe(true);
      expect(await subject.changesOf(pet.id)).toHaveLength(1);
    });

    it('refuses a stale version and changes nothing', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      await pets.replace({ ...pet, version: 2 }, 1, {});
      expect(await pets.replace({ ...pet, location: 'backyard', version: 2 }, 1, {})).toBe(false);
      expect((await pets.findById(pet.id))?.location).toBe('house');
      expect(await subject.changesOf(pet.id)).toHaveLength(1);
    });

    it('refuses a pet that does not exist', async () => {
      expect(await pets.replace(newPet(), 1, {})).toBe(false);
    });

    it('lets exactly one of many concurrent writers of the same version win', async () => {
      const pet = newPet();
      await pets.insert(pet, {});
      const outcomes = await Promise.all(
        ['a', 'b', 'c', 'd', 'e', 'f'].map((suffix) =>
          pets.replace({ ...pet, location: `place-${suffix}`, version: 2 }, 1, {}),
        ),
      );
      expect(outcomes.filter(Boolean)).toHaveLength(1);
      const stored = await pets.findById(pet.id);
      expect(stored?.version).toBe(2);
      const changes = await subject.changesOf(pet.id);
      expect(changes).toHaveLength(2);
      expect(changes[1].after?.location).toBe(stored?.location);
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
