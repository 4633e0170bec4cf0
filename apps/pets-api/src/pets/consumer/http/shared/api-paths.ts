import { PetRulesViolatedError } from '../../../internal/pet.errors';

/**
 * Runs an internal call and, if it breaks a pet rule, restates each violation
 * with the field path of the consumer's schema (v2 names `location` as
 * `location.name`): the internal layer does not know API versions.
 */
export async function withApiPaths<T>(
  call: () => Promise<T>,
  toApiPath: (internalPath: string) => string,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PetRulesViolatedError) {
      throw new PetRulesViolatedError(error.violations.map((v) => ({ ...v, path: toApiPath(v.path) })));
    }
    throw error;
  }
}
