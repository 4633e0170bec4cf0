// The mixed read/write workload of pets.js: its operation weights and the pets it writes.
// Pure functions, no k6 imports (tested under Node); randomness comes in as an argument.

/**
 * Operations and their weights (shares of iterations, in percent): ~70% reads, ~20% moves
 * (PATCH location), ~10% create + delete.
 */
export const PETS_MIX = [
  { op: 'get', weight: 40 }, // GET /v1/pets/{id}
  { op: 'list', weight: 20 }, // GET /v1/pets?tag=...&limit=20
  { op: 'tagCounts', weight: 10 }, // GET /v1/tags/{tag}, 200 or 404
  { op: 'move', weight: 20 }, // PATCH /v1/pets/{id} {"location": ...}
  { op: 'createDelete', weight: 10 }, // POST /v1/pets, then DELETE /v1/pets/{id}
];

/** Locations: lowercase words of 1-32 letters, digits or dashes. */
export const LOCATIONS = ['house', 'backyard', 'frontyard', 'garage', 'kitchen', 'garden-shed'];

/** Tags: lowercase, 1-64 characters. */
export const TAGS = ['dog', 'cat', 'bird', 'fish', 'mammal', 'pet'];

const NAMES = ['Rex', 'Felix', 'Tweety', 'Nemo', 'Luna', 'Max'];

/**
 * The entry whose weight band contains `random` (a number in [0, 1), e.g. Math.random()).
 * @throws Error when the weights are not positive numbers
 */
export function pickWeighted(entries, random) {
  const total = entries.reduce((sum, entry) => {
    if (!(typeof entry.weight === 'number' && entry.weight > 0 && isFinite(entry.weight))) {
      throw new Error(`weight of ${JSON.stringify(entry)} must be a positive number`);
    }
    return sum + entry.weight;
  }, 0);
  if (entries.length === 0) throw new Error('pickWeighted needs at least one entry');
  let point = Math.min(Math.max(random, 0), 1) * total;
  for (let i = 0; i < entries.length; i += 1) {
    point -= entries[i].weight;
    if (point < 0) return entries[i];
  }
  return entries[entries.length - 1];
}

/** One element of `list`, chosen by `random` in [0, 1). */
export function pickOne(list, random) {
  return list[Math.min(list.length - 1, Math.floor(Math.max(random, 0) * list.length))];
}

/**
 * A new pet for POST /v1/pets: a name, a location and one or two tags (always one of TAGS,
 * so list and tag-count reads find pets).
 *
 * @param random a function returning numbers in [0, 1)
 * @param label appended to the name, e.g. `vu12-7`, to tell load-test pets apart
 */
export function newPet(random, label) {
  const first = pickOne(TAGS, random());
  const second = pickOne(TAGS, random());
  return {
    name: `${pickOne(NAMES, random())} ${label}`,
    location: pickOne(LOCATIONS, random()),
    tags: first === second ? [first] : [first, second],
  };
}
