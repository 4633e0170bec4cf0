import {
  describeIf,
  isolatedMongoUrl,
  isolatedPostgres,
  openTestDatastore,
  SpawnedService,
  type TestDatastore,
  testMongoUrl,
  testPostgresUrl,
} from '@pets/testing';
import { call } from '../../../pets-api/test/support/http-client';
import { startTestApi, type TestApi } from '../../../pets-api/test/support/test-api';
import { mongoProbe, postgresProbe, type StoreProbe } from './store-probe';

export type StoreKind = 'postgres' | 'mongodb';

/** Defines the same tests for every store that can be had here (skipped, with the reason printed, otherwise). */
export function describeEachStore(title: string, tests: (kind: StoreKind) => void): void {
  describeIf(testPostgresUrl)(`${title} (PostgreSQL)`, () => tests('postgres'));
  describeIf(testMongoUrl)(`${title} (MongoDB)`, () => tests('mongodb'));
}

const LOCATIONS = ['house', 'backyard', 'frontyard', 'den'];
const TAGS = Array.from({ length: 12 }, (_, i) => `tag-${i}`);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const someTags = (): string[] => TAGS.filter(() => Math.random() < 0.25);

/**
 * A fresh database with the real API (in process) and real worker processes
 * (the built app) on it, a random workload of concurrent writers through the
 * API, and the checks: counts against a recount, and the lock's history.
 */
export class AggregationHarness {
  readonly workers = new Map<string, SpawnedService>();
  private writersStop = false;
  private writers: Promise<number>[] = [];

  private constructor(
    private readonly url: string,
    private readonly datastore: TestDatastore,
    private readonly cleanUp: () => Promise<void>,
    readonly probe: StoreProbe,
    readonly api: TestApi,
    readonly leaseMs: number,
  ) {}

  static async start(kind: StoreKind, label: string, leaseMs: number): Promise<AggregationHarness> {
    if (kind === 'postgres') {
      const database = await isolatedPostgres(testPostgresUrl!, label);
      const datastore = await openTestDatastore({ url: database.url });
      const probe = await postgresProbe(datastore);
      const api = await startTestApi({ databaseUrl: database.url });
      return new AggregationHarness(database.url, datastore, () => database.drop(), probe, api, leaseMs);
    }
    const url = isolatedMongoUrl(testMongoUrl!, label);
    const datastore = await openTestDatastore({ url });
    const api = await startTestApi({ databaseUrl: url });
    const drop = async (): Promise<void> => {
      await datastore.connection.requireMongo().db.dropDatabase();
    };
    return new AggregationHarness(url, datastore, drop, mongoProbe(datastore), api, leaseMs);
  }

  /** Starts a worker process; `id` is its lock owner name. */
  startWorker(id: string, env: NodeJS.ProcessEnv = {}): SpawnedService {
    const worker = SpawnedService.start('dist/apps/aggregation-worker/src/main.js', {
      env: {
        DATASTORE_URL: this.url,
        WORKER_ID: id,
        WORKER_METRICS_PORT: '0',
        WORKER_METRICS_HOST: '127.0.0.1',
        LOCK_LEASE_MS: String(this.leaseMs),
        WORKER_POLL_INTERVAL_MS: '20',
        WORKER_BATCH_SIZE: '200',
        ...env,
      },
    });
    this.workers.set(id, worker);
    return worker;
  }

  /** Runs `npm run rebuild`'s command against this database. */
  runRebuildCommand(): SpawnedService {
    return SpawnedService.start('dist/apps/aggregation-worker/src/rebuild.main.js', {
      env: {
        DATASTORE_URL: this.url,
        WORKER_ID: `cli-${Date.now()}`,
        LOCK_LEASE_MS: String(this.leaseMs),
        LOG_LEVEL: 'warn',
      },
    });
  }

  /** Eight writers creating, moving, retagging and deleting pets through the API until stopped. */
  startWorkload(writers = 8): void {
    this.writersStop = false;
    this.writers = Array.from({ length: writers }, () => this.writer());
  }

  /** Stops the writers; answers how many writes they made. */
  async stopWorkload(): Promise<number> {
    this.writersStop = true;
    return (await Promise.all(this.writers)).reduce((a, b) => a + b, 0);
  }

  /** A fixed number of writes from each writer. */
  async runWorkload(writesPerWriter: number, writers = 8): Promise<number> {
    const counts = await Promise.all(Array.from({ length: writers }, () => this.writer(writesPerWriter)));
    return counts.reduce((a, b) => a + b, 0);
  }

  private async writer(limit = Number.POSITIVE_INFINITY): Promise<number> {
    const mine: string[] = [];
    let writes = 0;
    while (!this.writersStop && writes < limit) {
      const roll = Math.random();
      const target = mine.length > 0 ? pick(mine) : undefined;
      let answer;
      if (!target || roll < 0.3) {
        answer = await call(this.api.url, 'POST', '/v1/pets', {
          body: { name: 'w', location: pick(LOCATIONS), tags: someTags() },
          auth: true,
        });
        if (answer.status === 201) mine.push(answer.json.id as string);
      } else if (roll < 0.6) {
        answer = await call(this.api.url, 'PATCH', `/v1/pets/${target}`, {
          body: { location: pick(LOCATIONS) },
          auth: true,
        });
      } else if (roll < 0.8) {
        answer = await call(this.api.url, 'PATCH', `/v1/pets/${target}`, {
          body: { tags: someTags() },
          auth: true,
        });
      } else {
        answer = await call(this.api.url, 'DELETE', `/v1/pets/${target}`, { auth: true });
        if (answer.status === 204) mine.splice(mine.indexOf(target), 1);
      }
      if (answer.status >= 300) throw new Error(`a workload write answered ${answer.status}: ${answer.text}`);
      writes++;
    }
    return writes;
  }

  /** Waits until every change is folded in and no rebuild is queued or running. */
  async waitForCatchUp(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { changes, openRebuilds } = await this.probe.pending();
      if (changes === 0 && openRebuilds === 0) return;
      if (Date.now() > deadline)
        throw new Error(`still ${changes} changes behind, ${openRebuilds} rebuilds open`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Every acquisition (a new fencing token) happened when the previous holder
   * had released or its lease had run out, by the database's own clock.
   * Answers how many acquisitions it checked (undefined where the store keeps no history).
   */
  async assertNeverTwoHolders(): Promise<number | undefined> {
    const acquisitions = await this.probe.acquisitions();
    if (!acquisitions) return undefined;
    for (const row of acquisitions) {
      if (row.previousOwner !== null && row.previousLeaseUntil !== null && row.previousLeaseUntil > row.at) {
        throw new Error(
          `token ${row.token} went to ${row.owner} while ${row.previousOwner}'s lease ran until ${row.previousLeaseUntil.toISOString()}`,
        );
      }
    }
    return acquisitions.length;
  }

  async rebuildThroughApi(): Promise<string> {
    const answer = await call(this.api.url, 'POST', '/admin/aggregates/rebuild', { auth: true });
    if (answer.status !== 202) throw new Error(`rebuild answered ${answer.status}: ${answer.text}`);
    return answer.json.id as string;
  }

  async close(): Promise<void> {
    this.writersStop = true;
    await Promise.allSettled(this.writers);
    await Promise.all([...this.workers.values()].map((worker) => worker.stop('SIGKILL')));
    await this.api.close();
    await this.datastore.close();
    await this.cleanUp();
  }
}
