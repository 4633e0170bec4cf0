import type { PetId } from './pet';
import type { RuleViolation } from './pet.rules';

/** Input that breaks the pet rules; carries every violation, not just the first. */
export class PetRulesViolatedError extends Error {
  constructor(readonly violations: readonly RuleViolation[]) {
    super(`pet rules violated: ${violations.map((v) => `${v.path} ${v.message}`).join('; ')}`);
    this.name = 'PetRulesViolatedError';
  }
}

export class PetNotFoundError extends Error {
  constructor(readonly id: PetId) {
    super(`no pet with id ${id}`);
    this.name = 'PetNotFoundError';
  }
}

/** The caller's If-Match names a version the pet no longer has. */
export class PetVersionMismatchError extends Error {
  constructor(
    readonly id: PetId,
    readonly currentVersion: number,
  ) {
    super(`pet ${id} is at version ${currentVersion}`);
    this.name = 'PetVersionMismatchError';
  }
}

/** Other writers kept changing the pet while this write retried; the caller may retry. */
export class PetWriteConflictError extends Error {
  constructor(readonly id: PetId) {
    super(`pet ${id} changed concurrently too many times`);
    this.name = 'PetWriteConflictError';
  }
}
