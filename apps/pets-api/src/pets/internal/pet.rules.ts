// The rules of what a pet may be, in one place. Every consumer (HTTP v1, v2,
// or a future queue) goes through them; datastores can rely on them.

export const PET_RULES = {
  nameMaxLength: 100,
  locationMaxLength: 32,
  locationPattern: /^[a-z0-9-]{1,32}$/,
  tagMaxLength: 64,
  maxTags: 50,
  /** Places every deployment knows; any other lowercase word is accepted too. */
  wellKnownLocations: ['house', 'backyard', 'frontyard'],
  pageSize: { default: 50, max: 500 },
} as const;

/** A broken rule, with the internal field path (`tags[3]`) for consumers to translate. */
export interface RuleViolation {
  readonly path: string;
  readonly message: string;
}

// Control characters and line/paragraph separators would corrupt logs, YAML
// output and terminals that display names; tags must also be single words.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const WHITESPACE = /\s/u;

export function normalizeName(name: string): string {
  return name.trim();
}

export function normalizeLocation(location: string): string {
  return location.trim().toLowerCase();
}

export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}

/** Tags are a set: normalised, duplicates removed, sorted (so reordering is not a change). */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeTag))].sort();
}

export function checkName(name: string, path = 'name'): RuleViolation[] {
  if (name.length === 0) return [{ path, message: 'must not be empty' }];
  if ([...name].length > PET_RULES.nameMaxLength) {
    return [{ path, message: `must be at most ${PET_RULES.nameMaxLength} characters` }];
  }
  if (CONTROL.test(name)) return [{ path, message: 'must not contain control characters' }];
  return [];
}

export function checkLocation(location: string, path = 'location'): RuleViolation[] {
  if (PET_RULES.locationPattern.test(location)) return [];
  if (location.length === 0) return [{ path, message: 'must not be empty' }];
  if (location.length > PET_RULES.locationMaxLength) {
    return [{ path, message: `must be at most ${PET_RULES.locationMaxLength} characters` }];
  }
  return [
    {
      path,
      message: 'must be a lowercase word of letters, digits and dashes, such as "house" or "backyard"',
    },
  ];
}

export function checkTag(tag: string, path = 'tag'): RuleViolation[] {
  if (tag.length === 0) return [{ path, message: 'must not be empty' }];
  if ([...tag].length > PET_RULES.tagMaxLength) {
    return [{ path, message: `must be at most ${PET_RULES.tagMaxLength} characters` }];
  }
  if (WHITESPACE.test(tag) || CONTROL.test(tag)) {
    return [{ path, message: 'must be a single word without spaces or control characters' }];
  }
  return [];
}

/**
 * Checks raw tags as the caller sent them (so an error points at the caller's
 * index), then the size of the resulting set.
 */
export function checkTags(rawTags: readonly string[], path = 'tags'): RuleViolation[] {
  const violations = rawTags.flatMap((tag, index) => checkTag(normalizeTag(tag), `${path}[${index}]`));
  if (violations.length === 0 && normalizeTags(rawTags).length > PET_RULES.maxTags) {
    violations.push({ path, message: `must hold at most ${PET_RULES.maxTags} distinct tags` });
  }
  return violations;
}
