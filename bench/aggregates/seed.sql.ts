/**
 * The article's scale, written straight into the pets table (the API would
 * take minutes and the seed is not what we measure): `pets` pets, each with
 * `tagsPerPet` distinct tags out of `tags`, spread over `locations`.
 *
 * Pet i gets tags (i * 7919 + k * step) mod tags for k < tagsPerPet, with
 * step = tags / tagsPerPet: distinct within a pet, and since 7919 is prime to
 * the tag count every tag is used by the same number of pets.
 */
export function seedPetsSql(pets: number, tags: number, tagsPerPet: number, locations: string[]): string {
  const step = Math.floor(tags / tagsPerPet);
  const locationArray = `ARRAY[${locations.map((l) => `'${l}'`).join(',')}]`;
  return `
    INSERT INTO pets (id, name, location, tags, version, created_at, updated_at)
    SELECT gen_random_uuid(), 'pet-' || i, (${locationArray})[1 + i % ${locations.length}],
      ARRAY(SELECT 'tag-' || ((i * 7919 + k * ${step}) % ${tags}) FROM generate_series(0, ${tagsPerPet - 1}) AS k),
      1, now(), now()
    FROM generate_series(1, ${pets}) AS i`;
}

/** Every (tag, location) count, recounted from the pets, against the stored counts: rows that differ. */
export const DIFFERENCES_SQL = `
  WITH recount AS (
    SELECT tag, location, count(*) AS count FROM pets CROSS JOIN LATERAL unnest(tags) AS tag GROUP BY tag, location
  )
  SELECT count(*)::int AS differences FROM recount r
  FULL JOIN tag_location_counts c ON c.tag = r.tag AND c.location = r.location
  WHERE r.count IS DISTINCT FROM c.count`;
