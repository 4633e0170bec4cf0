import { parse, stringify } from 'yaml';

export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'] as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses a YAML body into plain JSON-compatible data: the core schema only (no
 * custom tags, no timestamps or other implicit types), a low alias budget
 * against "billion laughs", duplicate keys refused, and the same prototype
 * keys refused that Fastify refuses in JSON.
 */
export function parseYamlBody(text: string): unknown {
  const value: unknown = parse(text, { schema: 'core', maxAliasCount: 50, uniqueKeys: true, customTags: [] });
  assertNoForbiddenKeys(value, 0);
  return value;
}

export function toYaml(value: unknown): string {
  return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
}

function assertNoForbiddenKeys(value: unknown, depth: number): void {
  if (depth > 64) throw new SyntaxError('the document is nested too deeply');
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`the key "${key}" is not allowed`);
    assertNoForbiddenKeys((value as Record<string, unknown>)[key], depth + 1);
  }
}
