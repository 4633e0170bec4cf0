// A mixed read/write load on the pets API: VUS virtual users for DURATION, each iteration one
// operation drawn by weight (k6/lib/workload.js): ~70% reads (a pet, a page of pets by tag, a
// tag's location counts), ~20% moves (PATCH location), ~10% create + delete.
//
// setup() creates a pool of POOL_SIZE pets (with API_TOKEN), the reads and moves use them,
// teardown() deletes them. Each request is tagged with its route (`name`) and `op`:
// read or write (thresholds apply per op), or setup (setup/teardown, kept out of the thresholds).
//
//   k6 run -e BASE_URL=https://pets.example.com -e API_TOKEN=... k6/pets.js
import http from 'k6/http';
import { check } from 'k6';
import { isPet, isPetPage, isTagCounts, parseJson } from './lib/responses.js';
import { k6Env, loadSettings } from './lib/settings.js';
import { SUMMARY_TREND_STATS, buildSummary } from './lib/summary.js';
import { LOCATIONS, PETS_MIX, TAGS, newPet, pickOne, pickWeighted } from './lib/workload.js';

const settings = loadSettings(k6Env(), { VARIANT: 'pets-mixed', SUMMARY_FILE: 'pets-result.json' });
const PETS_URL = `${settings.baseUrl}/v1/pets`;
const TAGS_URL = `${settings.baseUrl}/v1/tags`;

export const options = {
  scenarios: {
    mixed: {
      executor: 'constant-vus',
      vus: settings.vus,
      duration: settings.duration,
    },
  },
  // Up to POOL_SIZE (at most 1000) sequential requests each.
  setupTimeout: '2m',
  teardownTimeout: '2m',
  // The article's statistics, plus p(95) for the read threshold's line in the metric listing.
  summaryTrendStats: SUMMARY_TREND_STATS.slice(0, 5).concat(['p(95)'], SUMMARY_TREND_STATS.slice(5)),
  // k6's default system tags without `url`: every created pet has its own URL, and each distinct
  // tag set is a time series k6 keeps in memory for the whole run. The `name` tag groups them.
  systemTags: [
    'proto',
    'subproto',
    'status',
    'method',
    'name',
    'group',
    'check',
    'error',
    'error_code',
    'tls_version',
    'scenario',
    'service',
    'expected_response',
  ],
  thresholds: {
    'http_req_duration{op:read}': [`p(95)<${settings.p95Ms}`, `p(99)<${settings.p99Ms}`],
    'http_req_duration{op:write}': [`p(99)<${settings.writeP99Ms}`],
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
  },
};

function readParams(name, extra) {
  return Object.assign({ tags: { name, op: 'read' } }, extra || {});
}

function writeParams(name, op, extra) {
  return Object.assign(
    {
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${settings.apiToken}` },
      tags: { name, op },
    },
    extra || {},
  );
}

function petUrl(id) {
  return `${PETS_URL}/${encodeURIComponent(id)}`;
}

function explain(res) {
  const body = typeof res.body === 'string' ? res.body.slice(0, 200) : '';
  return `${res.status}${res.error ? ` (${res.error})` : ''}${body ? `: ${body}` : ''}`;
}

function createPet(label, op) {
  const res = http.post(
    PETS_URL,
    JSON.stringify(newPet(Math.random, label)),
    writeParams('POST /v1/pets', op),
  );
  const pet = parseJson(res.body);
  return { res, pet: isPet(pet) ? pet : null };
}

function deletePet(id, op) {
  // http.del(url, body, params): the body comes before the params.
  return http.del(
    petUrl(id),
    null,
    writeParams(
      'DELETE /v1/pets/{id}',
      op,
      op === 'setup' ? { responseCallback: http.expectedStatuses(204, 404) } : {},
    ),
  );
}

/** Deletes the pets; answers the ids that could not be deleted (404 counts as deleted). */
function deleteAll(ids) {
  return ids.filter((id) => {
    const status = deletePet(id, 'setup').status;
    return status !== 204 && status !== 404;
  });
}

export function setup() {
  if (!settings.apiToken) {
    throw new Error(
      'pets.js creates and deletes pets and needs a write token: ' +
        'k6 run -e API_TOKEN=<token> [-e BASE_URL=...] k6/pets.js',
    );
  }
  const ids = [];
  for (let i = 0; i < settings.poolSize; i += 1) {
    const { res, pet } = createPet(`k6-pool-${i}`, 'setup');
    if (res.status !== 201 || pet === null) {
      const left = deleteAll(ids);
      const hint =
        res.status === 401 || res.status === 403 ? ' (is API_TOKEN a valid write token for this API?)' : '';
      throw new Error(
        `setup: POST ${PETS_URL} answered ${explain(res)}${hint}; ` +
          `created ${ids.length} of ${settings.poolSize} pool pets and deleted them again` +
          (left.length > 0 ? ` except ${left.join(', ')}` : ''),
      );
    }
    ids.push(String(pet.id));
  }
  return { ids };
}

function getPet(ids) {
  const id = pickOne(ids, Math.random());
  const res = http.get(petUrl(id), readParams('GET /v1/pets/{id}'));
  check(res, {
    'get pet: status is 200': (r) => r.status === 200,
    'get pet: the pet asked for': (r) => {
      const pet = parseJson(r.body);
      return isPet(pet) && String(pet.id) === id;
    },
  });
}

function listPets() {
  const tag = pickOne(TAGS, Math.random());
  const res = http.get(`${PETS_URL}?tag=${encodeURIComponent(tag)}&limit=20`, readParams('GET /v1/pets?tag'));
  check(res, {
    'list pets: status is 200': (r) => r.status === 200,
    'list pets: a page of at most 20 pets, all with the tag': (r) => {
      const page = parseJson(r.body);
      return (
        isPetPage(page) && page.items.length <= 20 && page.items.every((pet) => pet.tags.indexOf(tag) >= 0)
      );
    },
  });
}

function tagCounts() {
  const tag = pickOne(TAGS, Math.random());
  // Counts are updated asynchronously by the aggregation worker: 404 (no pet with the tag yet)
  // is an expected answer, not a failed request.
  const res = http.get(
    `${TAGS_URL}/${encodeURIComponent(tag)}`,
    readParams('GET /v1/tags/{tag}', { responseCallback: http.expectedStatuses(200, 404) }),
  );
  check(res, {
    'tag counts: status is 200 or 404': (r) => r.status === 200 || r.status === 404,
    'tag counts: counts per location': (r) => r.status === 404 || isTagCounts(parseJson(r.body), tag),
  });
}

function movePet(ids) {
  const id = pickOne(ids, Math.random());
  const location = pickOne(LOCATIONS, Math.random());
  const res = http.patch(
    petUrl(id),
    JSON.stringify({ location }),
    writeParams('PATCH /v1/pets/{id}', 'write'),
  );
  check(res, {
    'move pet: status is 200': (r) => r.status === 200,
    'move pet: the pet at its new location': (r) => {
      const pet = parseJson(r.body);
      return isPet(pet) && String(pet.id) === id && pet.location === location;
    },
  });
}

function createAndDeletePet() {
  const { res, pet } = createPet(`k6-vu${__VU}-${__ITER}`, 'write');
  check(res, {
    'create pet: status is 201': (r) => r.status === 201,
    'create pet: the new pet': () => pet !== null,
    'create pet: Location header names it': (r) =>
      pet !== null &&
      typeof r.headers.Location === 'string' &&
      r.headers.Location.endsWith(`/v1/pets/${encodeURIComponent(pet.id)}`),
  });
  if (pet === null) return;
  // A pet whose delete fails stays behind (its name holds `k6-vu`); the failed check reports it.
  const deleted = deletePet(String(pet.id), 'write');
  check(deleted, { 'delete pet: status is 204': (r) => r.status === 204 });
}

const OPERATIONS = {
  get: getPet,
  list: listPets,
  tagCounts,
  move: movePet,
  createDelete: createAndDeletePet,
};

export default function (data) {
  OPERATIONS[pickWeighted(PETS_MIX, Math.random()).op](data.ids);
}

export function teardown(data) {
  if (!data || !Array.isArray(data.ids)) return;
  const left = deleteAll(data.ids);
  if (left.length > 0)
    console.warn(`teardown: could not delete ${left.length} pool pets: ${left.join(', ')}`);
}

export function handleSummary(data) {
  return buildSummary(data, settings);
}
