import type * as Undici from 'undici';

// undici's index loads everything the package offers (fetch, WebSocket,
// EventSource, caches, mocks, proxies: 110 modules), about 7 MiB of memory in
// every API process, of which we use one class. These are the two files that
// class and its errors live in; undici is pinned by the lockfile, and
// undici-pool.spec.ts fails if a new version moves them (they must be the very
// objects the index exports).

/* eslint-disable @typescript-eslint/no-require-imports */
export const Pool = require('undici/lib/dispatcher/pool') as typeof Undici.Pool;
export const errors = require('undici/lib/core/errors') as typeof Undici.errors;
/* eslint-enable @typescript-eslint/no-require-imports */

export type { Dispatcher } from 'undici';
