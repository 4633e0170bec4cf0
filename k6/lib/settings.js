// Settings shared by every k6 script in this folder, read from k6's __ENV (`k6 run -e NAME=value`,
// or the process environment) over the defaults below, and validated before any VU starts.
//
// This module must stay free of k6 imports: Jest loads it under Node (with a fake
// globalThis.__ENV) to test the defaults and the validation.

/** Defaults, as the strings an operator would write. */
export const DEFAULTS = Object.freeze({
  BASE_URL: 'http://localhost:3000',
  VUS: '400',
  DURATION: '20s',
  P99_MS: '250',
  P95_MS: '150',
  WRITE_P99_MS: '500',
  API_TOKEN: '',
  VARIANT: 'pets-api',
  SUMMARY_FILE: 'bench-result.json',
  CHECK_EVERY: '10',
  POOL_SIZE: '50',
});

/** A bad setting; `problems` holds one line per bad variable. */
export class SettingsError extends Error {
  constructor(problems) {
    super(`Invalid k6 settings: ${problems.join('; ')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

const POSITIVE_INTEGER = /^[1-9][0-9]*$/;
const POSITIVE_NUMBER = /^(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)$/;
const DURATION = /^(?:[0-9]+(?:\.[0-9]+)?(?:ms|s|m|h))+$/;
const DURATION_PART = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/g;
const UNIT_MS = { ms: 1, s: 1000, m: 60000, h: 3600000 };
const BASE_URL = /^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/;

/** Milliseconds in a k6 duration such as `20s`, `1m30s` or `1.5m`; NaN if it is not one. */
export function durationMs(text) {
  if (typeof text !== 'string' || !DURATION.test(text)) return NaN;
  let total = 0;
  DURATION_PART.lastIndex = 0;
  for (let part = DURATION_PART.exec(text); part !== null; part = DURATION_PART.exec(text)) {
    total += Number(part[1]) * UNIT_MS[part[2]];
  }
  return total;
}

/**
 * Reads and validates the settings.
 *
 * @param env the variables (k6's __ENV); missing or empty values take the default
 * @param defaults per-script defaults over DEFAULTS (e.g. pets.js names its own VARIANT)
 * @returns a frozen settings object
 * @throws SettingsError naming every bad variable and the value it had
 */
export function loadSettings(env, defaults) {
  const source = env || {};
  const fallback = Object.assign({}, DEFAULTS, defaults || {});
  const problems = [];

  const read = (name) => {
    const raw = source[name];
    const text = raw === undefined || raw === null ? '' : String(raw).trim();
    return text === '' ? String(fallback[name]) : text;
  };
  const bad = (name, value, expected) => {
    problems.push(`${name} must be ${expected} (got ${JSON.stringify(value)})`);
    return undefined;
  };
  const integer = (name, max) => {
    const value = read(name);
    if (!POSITIVE_INTEGER.test(value) || Number(value) > max) {
      return bad(name, value, `a whole number from 1 to ${max}`);
    }
    return Number(value);
  };
  const milliseconds = (name) => {
    const value = read(name);
    if (!POSITIVE_NUMBER.test(value) || Number(value) <= 0) {
      return bad(name, value, 'a number of milliseconds greater than 0, e.g. 250');
    }
    return Number(value);
  };

  const baseUrlText = read('BASE_URL');
  const baseUrl = BASE_URL.test(baseUrlText)
    ? baseUrlText.replace(/\/+$/, '')
    : bad('BASE_URL', baseUrlText, 'an http:// or https:// URL without query, e.g. https://pets.example.com');

  const duration = read('DURATION');
  if (!(durationMs(duration) > 0))
    bad('DURATION', duration, 'a k6 duration greater than 0, e.g. 20s or 1m30s');

  const variant = read('VARIANT');
  if (!/^[^\s|]{1,64}$/.test(variant)) {
    bad('VARIANT', variant, 'a label of 1 to 64 characters without spaces or "|", e.g. pets-api');
  }

  const summaryFile = read('SUMMARY_FILE');
  if (summaryFile === 'stdout' || summaryFile === 'stderr') {
    bad('SUMMARY_FILE', summaryFile, 'a file path (stdout and stderr are already used)');
  }

  const settings = {
    baseUrl,
    vus: integer('VUS', 100000),
    duration,
    p99Ms: milliseconds('P99_MS'),
    p95Ms: milliseconds('P95_MS'),
    writeP99Ms: milliseconds('WRITE_P99_MS'),
    apiToken: read('API_TOKEN') || null,
    variant,
    summaryFile,
    checkEvery: integer('CHECK_EVERY', 1000000),
    poolSize: integer('POOL_SIZE', 1000),
  };

  if (problems.length > 0) throw new SettingsError(problems);
  return Object.freeze(settings);
}

/** k6's __ENV, or an empty object where there is none (Node without a fake __ENV). */
export function k6Env() {
  return typeof __ENV === 'undefined' ? {} : __ENV;
}

/** The settings of this run with the shared defaults (bench.js); read once, when the module loads. */
export const settings = loadSettings(k6Env());
