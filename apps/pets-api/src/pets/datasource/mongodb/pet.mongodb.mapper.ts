import type { Pet } from '../../internal/pet';

/** A pet as stored in the `pets` collection: the UUID string is the _id. */
export interface PetDocument {
  _id: string;
  name: string;
  location: string;
  tags: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function petFromDocument(doc: PetDocument): Pet {
  return {
    id: doc._id,
    name: doc.name,
    location: doc.location,
    tags: doc.tags,
    version: doc.version,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

export function documentOf(pet: Pet): PetDocument {
  return {
    _id: pet.id,
    name: pet.name,
    location: pet.location,
    tags: [...pet.tags],
    version: pet.version,
    createdAt: pet.createdAt,
    updatedAt: pet.updatedAt,
  };
}
