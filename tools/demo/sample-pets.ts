/** The pets the demo loads on first start: enough to see tags, locations and paging. */
export const SAMPLE_PETS: ReadonlyArray<{ name: string; location: string; tags: string[] }> = [
  { name: 'Rex', location: 'house', tags: ['mammal', 'dog', 'good-boy'] },
  { name: 'Luna', location: 'backyard', tags: ['mammal', 'dog'] },
  { name: 'Milo', location: 'house', tags: ['mammal', 'cat', 'indoor'] },
  { name: 'Cleo', location: 'frontyard', tags: ['mammal', 'cat'] },
  { name: 'Kiwi', location: 'house', tags: ['bird', 'parrot', 'talks'] },
  { name: 'Sunny', location: 'backyard', tags: ['bird', 'canary'] },
  { name: 'Shelly', location: 'backyard', tags: ['reptile', 'tortoise'] },
  { name: 'Nemo', location: 'house', tags: ['fish', 'indoor'] },
  { name: 'Thumper', location: 'frontyard', tags: ['mammal', 'rabbit'] },
  { name: 'Pip', location: 'house', tags: ['mammal', 'hamster', 'indoor'] },
  { name: 'Goldie', location: 'pond', tags: ['fish'] },
  { name: 'Iggy', location: 'house', tags: ['reptile', 'iguana', 'indoor'] },
];

/** Loads the sample pets unless the store already has pets (first start only). */
export async function loadSamplePetsIfEmpty(apiUrl: string, token: string): Promise<number> {
  const existing = (await (await fetch(`${apiUrl}/v1/pets?limit=1`)).json()) as { items: unknown[] };
  if (existing.items.length > 0) return 0;
  for (const pet of SAMPLE_PETS) {
    const response = await fetch(`${apiUrl}/v1/pets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(pet),
    });
    if (response.status !== 201) {
      throw new Error(`loading sample pet ${pet.name}: ${response.status} ${await response.text()}`);
    }
  }
  return SAMPLE_PETS.length;
}
