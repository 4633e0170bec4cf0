import type { Pet, PetChanges, PetDraft, PetPage } from '../../../internal/pet';
import { validationProblem } from '../../../../http/problem/problem-details';
import { encodeCursor } from '../shared/page-cursor';
import type { CreatePetV2Body, PatchPetV2Body, PetPageV2, PetV2 } from './pet.v2.dto';

/** Converts between API v2's schema and the internal Pet (the articles' PetV2). */
export const PetV2Mapper = {
  toInternal: (body: CreatePetV2Body): PetDraft => {
    return { name: body.name, location: body.location.name, tags: body.tags ?? [] };
  },

  changesToInternal: (body: PatchPetV2Body): PetChanges => {
    const changes: PetChanges = { name: body.name, location: body.location?.name, tags: body.tags };
    if (Object.values(changes).every((value) => value === undefined)) {
      throw validationProblem([{ path: '', message: 'must change at least one of name, location, tags' }]);
    }
    return changes;
  },

  fromInternal: (pet: Pet): PetV2 => {
    return {
      id: pet.id,
      name: pet.name,
      location: { name: pet.location },
      tags: [...pet.tags],
      version: pet.version,
      createdAt: pet.createdAt.toISOString(),
      updatedAt: pet.updatedAt.toISOString(),
    };
  },

  pageFromInternal: (page: PetPage): PetPageV2 => {
    return { items: page.items.map(PetV2Mapper.fromInternal), nextCursor: encodeCursor(page.next) };
  },

  /** v2 holds the location in an object. */
  apiPath: (internalPath: string): string => {
    return internalPath === 'location' ? 'location.name' : internalPath;
  },
};
