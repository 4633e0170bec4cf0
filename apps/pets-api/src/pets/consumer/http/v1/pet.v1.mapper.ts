import type { Pet, PetChanges, PetDraft, PetPage } from '../../../internal/pet';
import { validationProblem } from '../../../../http/problem/problem-details';
import { encodeCursor } from '../shared/page-cursor';
import type { CreatePetV1Body, PatchPetV1Body, PetPageV1, PetV1 } from './pet.v1.dto';

/** Converts between API v1's schema and the internal Pet (the articles' PetV1). */
export const PetV1Mapper = {
  toInternal: (body: CreatePetV1Body): PetDraft => {
    return { name: body.name, location: body.location, tags: body.tags ?? [] };
  },

  changesToInternal: (body: PatchPetV1Body): PetChanges => {
    const changes: PetChanges = { name: body.name, location: body.location, tags: body.tags };
    if (Object.values(changes).every((value) => value === undefined)) {
      throw validationProblem([{ path: '', message: 'must change at least one of name, location, tags' }]);
    }
    return changes;
  },

  fromInternal: (pet: Pet): PetV1 => {
    return { id: pet.id, name: pet.name, location: pet.location, tags: [...pet.tags] };
  },

  pageFromInternal: (page: PetPage): PetPageV1 => {
    return { items: page.items.map(PetV1Mapper.fromInternal), nextCursor: encodeCursor(page.next) };
  },

  /** v1 names fields as the internal model does. */
  apiPath: (internalPath: string): string => {
    return internalPath;
  },
};
