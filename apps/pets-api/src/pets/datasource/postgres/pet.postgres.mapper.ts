import type { Pet } from '../../internal/pet';

/** A `pets` row as node-postgres returns it. */
export interface PetRow {
  id: string;
  name: string;
  location: string;
  tags: string[];
  version: number;
  created_at: Date;
  updated_at: Date;
}

export const PET_COLUMNS = 'id, name, location, tags, version, created_at, updated_at';

export function petFromRow(row: PetRow): Pet {
  return {
    id: row.id,
    name: row.name,
    location: row.location,
    tags: row.tags,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Parameters in PET_COLUMNS order. */
export function rowValuesOf(pet: Pet): unknown[] {
  return [pet.id, pet.name, pet.location, pet.tags, pet.version, pet.createdAt, pet.updatedAt];
}
