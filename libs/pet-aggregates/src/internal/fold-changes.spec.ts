import fc from 'fast-check';
import { foldChanges } from './fold-changes';
import type { PetChange, PetPlacement } from './pet-change';

const at = new Date(0);
const place = (location: string, ...tags: string[]): PetPlacement => ({ location, tags });
const change = (before: PetPlacement | null, after: PetPlacement | null): PetChange => ({
  petId: 'p',
  before,
  after,
  changedAt: at,
});

const sorted = (deltas: ReturnType<typeof foldChanges>) =>
  [...deltas].sort((a, b) => `${a.tag}/${a.location}`.localeCompare(`${b.tag}/${b.location}`));

describe('foldChanges', () => {
  it('counts a created pet once per tag', () => {
    expect(sorted(foldChanges([change(null, place('house', 'dog', 'mammal'))]))).toEqual([
      { tag: 'dog', location: 'house', delta: 1 },
      { tag: 'mammal', location: 'house', delta: 1 },
    ]);
  });

  it('moves a pet: minus at the old place, plus at the new one', () => {
    expect(sorted(foldChanges([change(place('house', 'dog'), place('backyard', 'dog'))]))).toEqual([
      { tag: 'dog', location: 'backyard', delta: 1 },
      { tag: 'dog', location: 'house', delta: -1 },
    ]);
  });

  it('retags and deletes', () => {
    expect(
      sorted(
        foldChanges([
          change(place('house', 'a', 'b'), place('house', 'b', 'c')),
          change(place('den', 'x'), null),
        ]),
      ),
    ).toEqual([
      { tag: 'a', location: 'house', delta: -1 },
      { tag: 'c', location: 'house', delta: 1 },
      { tag: 'x', location: 'den', delta: -1 },
    ]);
  });

  it('drops changes that cancel out within a batch', () => {
    expect(foldChanges([change(null, place('house', 'dog')), change(place('house', 'dog'), null)])).toEqual(
      [],
    );
  });

  it('keeps tags and locations with unusual characters apart', () => {
    const deltas = foldChanges([change(null, place('a-b', 'c:d')), change(null, place('a', 'b-c:d'))]);
    expect(deltas).toHaveLength(2);
  });

  // Property: folding a whole history equals the counts of the final state,
  // however the history is cut into batches.
  it('folding any history, in any batches, gives the final state counts', () => {
    const placement = fc.record({
      location: fc.constantFrom('house', 'backyard', 'frontyard', 'den'),
      tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.option(placement, { nil: null })), {
          maxLength: 60,
        }),
        fc.integer({ min: 1, max: 10 }),
        (steps, batchSize) => {
          const current = new Map<number, PetPlacement | null>();
          const history: PetChange[] = [];
          for (const [pet, next] of steps) {
            const before = current.get(pet) ?? null;
            if (before === null && next === null) continue;
            history.push({ petId: String(pet), before, after: next, changedAt: at });
            current.set(pet, next);
          }
          const totals = new Map<string, number>();
          for (let i = 0; i < history.length; i += batchSize) {
            for (const { tag, location, delta } of foldChanges(history.slice(i, i + batchSize))) {
              const key = `${tag}/${location}`;
              totals.set(key, (totals.get(key) ?? 0) + delta);
            }
          }
          const expected = new Map<string, number>();
          for (const placementNow of current.values()) {
            if (!placementNow) continue;
            for (const tag of placementNow.tags) {
              const key = `${tag}/${placementNow.location}`;
              expected.set(key, (expected.get(key) ?? 0) + 1);
            }
          }
          const nonZero = new Map([...totals].filter(([, v]) => v !== 0));
          expect(Object.fromEntries(nonZero)).toEqual(Object.fromEntries(expected));
        },
      ),
    );
  });
});
