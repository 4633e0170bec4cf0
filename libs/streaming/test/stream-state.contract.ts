import type { DatastoreConnection } from '@pets/datastore';
import { FencedOutError } from '../src/fenced-out.error';
import type { LeaseGrant } from '../src/lease';
import type { StreamStateStore } from '../src/stream-state.port';

export interface StreamStateSubject {
  store: StreamStateStore;
  connection: DatastoreConnection;
  /** Runs a fenced write that records `marker`; answers the markers recorded so far. */
  fencedWrite(grant: LeaseGrant, marker: string): Promise<void>;
  markers(): Promise<string[]>;
  close(): Promise<void>;
}

const STREAM = 'pet-aggregates';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The behaviour every StreamStateStore adapter must have. */
export function streamStateContract(open: () => Promise<StreamStateSubject>): void {
  let subject: StreamStateSubject;
  let store: StreamStateStore;
  let owners = 0;
  const owner = () => `owner-${++owners}`;

  beforeAll(async () => {
    subject = await open();
    store = subject.store;
  });
  afterAll(async () => {
    await subject?.close();
  });

  // Each test leaves the lock free for the next.
  async function releaseAll(...grants: (LeaseGrant | undefined)[]): Promise<void> {
    for (const grant of grants) if (grant) await store.release(grant);
  }

  it('grants a free lock, refuses it to others while the lease lasts, and fences with a growing token', async () => {
    const first = await store.acquire(STREAM, owner(), 'update', 5_000);
    expect(first).toMatchObject({ stream: STREAM, type: 'update' });
    expect(await store.acquire(STREAM, owner(), 'update', 5_000)).toBeUndefined();
    await store.release(first!);
    const second = await store.acquire(STREAM, owner(), 'update', 5_000);
    expect(second!.token).toBeGreaterThan(first!.token);
    await releaseAll(second);
  });

  it('lets exactly one of many concurrent acquirers win', async () => {
    const grants = await Promise.all(
      Array.from({ length: 8 }, () => store.acquire(STREAM, owner(), 'update', 5_000)),
    );
    expect(grants.filter(Boolean)).toHaveLength(1);
    await releaseAll(...grants);
  });

  it('hands a lock whose lease ran out to someone else, without anyone stepping in', async () => {
    const dead = await store.acquire(STREAM, owner(), 'update', 300);
    expect(dead).toBeDefined();
    await sleep(400);
    const next = await store.acquire(STREAM, owner(), 'update', 5_000);
    expect(next!.token).toBe(dead!.token + 1);
    expect(await store.renew(dead!, 5_000)).toBeUndefined();
    await releaseAll(next);
  });

  it('renews only a lease still held', async () => {
    const grant = await store.acquire(STREAM, owner(), 'update', 400);
    await sleep(200);
    const renewed = await store.renew(grant!, 400);
    expect(renewed?.grant.token).toBe(grant!.token);
    expect(renewed!.grant.leaseUntil.getTime()).toBeGreaterThan(grant!.leaseUntil.getTime());
    await sleep(250);
    expect(await store.acquire(STREAM, owner(), 'update', 400)).toBeUndefined(); // still held thanks to the renewal
    await releaseAll(renewed!.grant);
  });

  it('gives a rebuild priority: update acquisitions wait while it asks, the holder hears about it', async () => {
    const holder = await store.acquire(STREAM, owner(), 'update', 5_000);
    await store.requestBulk(STREAM);
    expect((await store.renew(holder!, 5_000))?.bulkRequested).toBe(true);
    await store.release(holder!);
    expect(await store.acquire(STREAM, owner(), 'update', 5_000)).toBeUndefined();
    const bulk = await store.acquire(STREAM, owner(), 'bulk', 5_000);
    expect(bulk?.type).toBe('bulk');
    expect((await store.view(STREAM)).bulkRequestedAt).toBeNull();
    await store.release(bulk!);
    const update = await store.acquire(STREAM, owner(), 'update', 5_000);
    expect(update).toBeDefined();
    await releaseAll(update);
  });

  it('forgets a rebuild request that is not repeated (its requester died)', async () => {
    await store.requestBulk(STREAM);
    expect(await store.acquire(STREAM, owner(), 'update', 100)).toBeUndefined();
    await sleep(350); // more than three 100 ms leases
    const update = await store.acquire(STREAM, owner(), 'update', 100);
    expect(update).toBeDefined();
    await releaseAll(update);
    // Staleness is judged against the asker's lease: clear the request for the tests after.
    await releaseAll(await store.acquire(STREAM, owner(), 'bulk', 100));
  });

  it('shows the holder, its token and lease in the view', async () => {
    const grant = await store.acquire(STREAM, 'viewer-1', 'update', 5_000);
    const view = await store.view(STREAM);
    expect(view.lock).toMatchObject({
      owner: 'viewer-1',
      type: 'update',
      token: grant!.token,
      expired: false,
    });
    expect(view.fencingToken).toBe(grant!.token);
    await store.release(grant!);
    expect((await store.view(STREAM)).lock).toBeNull();
  });

  it('lets the holder write, and refuses a write from a holder that lost the lock', async () => {
    const holder = await store.acquire(STREAM, owner(), 'update', 300);
    await subject.fencedWrite(holder!, 'by-holder');
    await sleep(400); // lease runs out: even with nobody else, the old grant may not write
    await expect(subject.fencedWrite(holder!, 'late-expired')).rejects.toBeInstanceOf(FencedOutError);
    const successor = await store.acquire(STREAM, owner(), 'update', 5_000);
    await expect(subject.fencedWrite(holder!, 'late-superseded')).rejects.toBeInstanceOf(FencedOutError);
    await subject.fencedWrite(successor!, 'by-successor');
    const markers = await subject.markers();
    expect(markers).toEqual(expect.arrayContaining(['by-holder', 'by-successor']));
    expect(markers).not.toContain('late-expired');
    expect(markers).not.toContain('late-superseded');
    await releaseAll(successor);
  });
}
