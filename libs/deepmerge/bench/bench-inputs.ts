/**
 * Deterministic benchmark inputs, the same objects for every library. Each input is a pair
 * `[base, next]` of JSON-like values (no undefined, no class instances), so that the three libraries
 * agree on the result and the comparison measures merging alone.
 */

export interface BenchInput {
  readonly name: string;
  readonly description: string;
  readonly base: Record<string, unknown>;
  readonly next: Record<string, unknown>;
}

const SECTIONS = ['http', 'database', 'queue', 'cache', 'telemetry'];
const GROUPS_PER_SECTION = 9;
const RECORDS_PER_GROUP = 13; // 5 sections x 9 groups x 13 records = 585 leaf records

interface ServiceRecord {
  name: string;
  host: string;
  port: number;
  timeoutMs: number;
  retries: number;
  tags: string[];
  weights: number[];
}

function serviceRecord(section: string, group: number, record: number): ServiceRecord {
  const id = (group * RECORDS_PER_GROUP + record) * 7;
  return {
    name: `${section}-${group}-${record}`,
    host: `${section}.group-${group}.internal`,
    port: 8000 + id,
    timeoutMs: 250 + (id % 1000),
    retries: id % 5,
    tags: [section, `group-${group}`, `tier-${record % 3}`],
    weights: [id % 10, (id + 3) % 10],
  };
}

/**
 * 1) Nested configuration: root -> 5 sections -> 9 groups each -> 13 service records each (585 leaf
 * records of 7 fields: strings, numbers and two short arrays), four levels deep. The overriding
 * variant is what an environment file looks like: every section and group is present, every third
 * record overrides its port and timeout, appends a tag and adds a key, and every group adds a record.
 */
function nestedConfig(): BenchInput {
  const base: Record<string, unknown> = {};
  const next: Record<string, unknown> = {};
  for (const section of SECTIONS) {
    const baseSection: Record<string, unknown> = {};
    const nextSection: Record<string, unknown> = {};
    for (let group = 0; group < GROUPS_PER_SECTION; group++) {
      const baseGroup: Record<string, unknown> = {};
      const nextGroup: Record<string, unknown> = {};
      for (let record = 0; record < RECORDS_PER_GROUP; record++) {
        baseGroup[`service${record}`] = serviceRecord(section, group, record);
        if (record % 3 === 0) {
          nextGroup[`service${record}`] = {
            port: 9000 + record,
            timeoutMs: 5000,
            tags: ['overridden'],
            region: `eu-west-${record % 3}`,
          };
        }
      }
      nextGroup[`service${RECORDS_PER_GROUP}`] = serviceRecord(section, group, RECORDS_PER_GROUP);
      baseSection[`group${group}`] = baseGroup;
      nextSection[`group${group}`] = nextGroup;
    }
    base[section] = baseSection;
    next[section] = nextSection;
  }
  return {
    name: 'nested config (585 records)',
    description: '5 sections x 9 groups x 13 records, overridden by an env-style variant',
    base,
    next,
  };
}

/** 2) Two flat 10,000-key records sharing half their keys (key5000..key9999). */
function flatRecords(): BenchInput {
  const base: Record<string, unknown> = {};
  const next: Record<string, unknown> = {};
  for (let index = 0; index < 10_000; index++) {
    base[`key${index}`] = index % 2 === 0 ? index : `base-${index}`;
    next[`key${index + 5_000}`] = index % 2 === 0 ? `next-${index}` : index * 2;
  }
  return { name: 'flat 10k keys', description: '10,000 keys each, 5,000 shared', base, next };
}

/** 3) A record holding four arrays of 1,000 strings or numbers each, concatenated with another's. */
function arrayRecords(): BenchInput {
  const makeArrays = (offset: number): Record<string, unknown> => ({
    hosts: Array.from({ length: 1_000 }, (_, index) => `host-${offset + index}.internal`),
    ports: Array.from({ length: 1_000 }, (_, index) => 1_024 + offset + index),
    features: Array.from({ length: 1_000 }, (_, index) => `feature-${(offset + index) % 250}`),
    weights: Array.from({ length: 1_000 }, (_, index) => ((offset + index) % 100) / 10),
  });
  return {
    name: 'arrays 4 x 1000',
    description: '4 arrays of 1,000 primitives on each side, concatenated',
    base: makeArrays(0),
    next: makeArrays(1_000),
  };
}

/**
 * Not one of the goal inputs, measured to show the cost of immutability: deepmerge-ts shares array
 * elements (and any subtree only one side has) with its inputs, while `merged` copies them, so here
 * it copies 2,000 records that deepmerge-ts passes through by reference.
 */
function arraysOfRecords(): BenchInput {
  const routes = (offset: number): Record<string, unknown> => ({
    routes: Array.from({ length: 1_000 }, (_, index) => ({
      path: `/api/v1/resource-${offset + index}`,
      methods: ['GET', 'POST'],
      timeoutMs: 1_000 + index,
    })),
  });
  return {
    name: 'arrays of 1000 records',
    description: 'informative only: 1,000 small records on each side, concatenated',
    base: routes(0),
    next: routes(1_000),
  };
}

/** The three inputs the performance goal (merged >= deepmerge-ts) is checked on. */
export function goalInputs(): BenchInput[] {
  return [nestedConfig(), flatRecords(), arrayRecords()];
}

/** Inputs reported for information, without a goal. */
export function informativeInputs(): BenchInput[] {
  return [arraysOfRecords()];
}
