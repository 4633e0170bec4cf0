import { isPet, isPetPage, isTagCounts, isUpstreamAnswer, parseJson } from '../lib/responses';
import { LOCATIONS, PETS_MIX, TAGS, newPet, pickOne, pickWeighted } from '../lib/workload';

describe('response checks', () => {
  it('parses JSON bodies and answers null for a discarded or broken one', () => {
    expect(parseJson('{"status":200,"length":615}')).toEqual({ status: 200, length: 615 });
    expect(parseJson(null)).toBeNull();
    expect(parseJson('')).toBeNull();
    expect(parseJson('<html>')).toBeNull();
  });

  it('accepts the upstream answer and refuses a problem document', () => {
    expect(isUpstreamAnswer({ status: 200, length: 615 })).toBe(true);
    expect(isUpstreamAnswer({ status: 200, length: '615' })).toBe(false);
    expect(isUpstreamAnswer({ type: 'about:blank', title: 'Bad Gateway', status: 502 })).toBe(false);
    expect(isUpstreamAnswer(null)).toBe(false);
  });

  it('knows a pet, a page of pets and tag counts', () => {
    const pet = { id: '7', name: 'Rex', location: 'house', tags: ['dog', 'mammal'] };

    expect(isPet(pet)).toBe(true);
    expect(isPet({ ...pet, tags: 'dog' })).toBe(false);
    expect(isPet({ ...pet, id: '' })).toBe(false);
    expect(isPetPage({ items: [pet], nextCursor: 'abc' })).toBe(true);
    expect(isPetPage({ items: [], nextCursor: null })).toBe(true);
    expect(isPetPage({ items: [pet] })).toBe(false);
    expect(isTagCounts({ tag: 'dog', location: { house: 3 } }, 'dog')).toBe(true);
    expect(isTagCounts({ tag: 'dog', location: {} }, 'dog')).toBe(true);
    expect(isTagCounts({ tag: 'cat', location: { house: 3 } }, 'dog')).toBe(false);
    expect(isTagCounts({ tag: 'dog', location: { house: 1.5 } }, 'dog')).toBe(false);
  });
});

describe('the pets.js mix', () => {
  const share = (ops: string[]) =>
    PETS_MIX.filter((entry) => ops.includes(entry.op)).reduce((sum, entry) => sum + entry.weight, 0);

  it('is ~70% reads, ~20% moves and ~10% create + delete', () => {
    expect(share(['get', 'list', 'tagCounts'])).toBe(70);
    expect(share(['move'])).toBe(20);
    expect(share(['createDelete'])).toBe(10);
  });

  it('picks by weight band', () => {
    const ops = [0, 0.39, 0.4, 0.59, 0.6, 0.69, 0.7, 0.89, 0.9, 0.999].map(
      (r) => pickWeighted(PETS_MIX, r).op,
    );

    expect(ops).toEqual([
      'get',
      'get',
      'list',
      'list',
      'tagCounts',
      'tagCounts',
      'move',
      'move',
      'createDelete',
      'createDelete',
    ]);
    expect(pickWeighted(PETS_MIX, 1).op).toBe('createDelete');
  });

  it('refuses weights that are not positive numbers', () => {
    expect(() => pickWeighted([{ weight: 0 }], 0.5)).toThrow('must be a positive number');
    expect(() => pickWeighted([], 0.5)).toThrow('at least one entry');
  });

  it('picks one element of a list', () => {
    expect(pickOne(['a', 'b', 'c'], 0)).toBe('a');
    expect(pickOne(['a', 'b', 'c'], 0.5)).toBe('b');
    expect(pickOne(['a', 'b', 'c'], 0.9999)).toBe('c');
  });

  it('writes pets the API accepts: locations and tags in its formats', () => {
    for (const location of LOCATIONS) expect(location).toMatch(/^[a-z0-9-]{1,32}$/);
    for (const tag of TAGS) expect(tag).toMatch(/^[a-z0-9-]{1,64}$/);

    let seed = 0;
    const random = () => {
      seed = (seed * 9301 + 49297) % 233280;
      return seed / 233280;
    };
    for (let i = 0; i < 200; i += 1) {
      const pet = newPet(random, `k6-vu1-${i}`);
      expect(pet.name).toMatch(/ k6-vu1-\d+$/);
      expect(LOCATIONS).toContain(pet.location);
      expect(pet.tags.length).toBeGreaterThanOrEqual(1);
      expect(pet.tags.length).toBeLessThanOrEqual(2);
      expect(new Set(pet.tags).size).toBe(pet.tags.length);
      for (const tag of pet.tags) expect(TAGS).toContain(tag);
    }
  });
});
