// Parsers for environment variables. Each returns the raw text when it cannot
// parse it, so that validation reports the setting with the offending value
// instead of the parser throwing a less helpful error.

export function asNumber(raw: string): number | string {
  const text = raw.trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : raw;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off', '']);

export function asBoolean(raw: string): boolean | string {
  const text = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return raw;
}

/** `a, b,c` → `['a', 'b', 'c']`; empty items are dropped. */
export function asList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/**
 * `datastore=debug,http=warn` → `{ datastore: 'debug', http: 'warn' }`.
 * An item without `=` is kept with an empty value so validation can name it.
 */
export function asKeyValueMap(raw: string): Record<string, string> {
  const map: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const item of asList(raw)) {
    const eq = item.indexOf('=');
    const key = (eq === -1 ? item : item.slice(0, eq)).trim();
    map[key] = eq === -1 ? '' : item.slice(eq + 1).trim();
  }
  return { ...map };
}

/** Empty text means "not set", so `DATASTORE_URL=` behaves like no variable. */
export function asOptionalString(raw: string): string | undefined {
  return raw.trim() === '' ? undefined : raw.trim();
}
