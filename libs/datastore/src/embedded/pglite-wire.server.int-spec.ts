import { Client, Pool } from 'pg';
import { getLogger } from '@pets/logging';
import { isSharedSessionServer } from '../postgres/pg-server.probe';
import { type EmbeddedDatastore, ensureEmbeddedDatastore } from './embedded-datastore.launcher';

// One PGlite backend shared by many real node-postgres clients: transactions
// must stay isolated, extended-protocol exchanges must never interleave, and
// a client that disappears must not leave the backend unusable. The server
// runs as its own process, as in production (PGlite also cannot load inside
// Jest's VM sandbox).
describe('PgliteWireServer (embedded datastore process)', () => {
  let embedded: EmbeddedDatastore;
  let port: number;
  const pools: Pool[] = [];

  const pool = (max: number): Pool => {
    const created = new Pool({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres', max });
    pools.push(created);
    return created;
  };

  beforeAll(async () => {
    embedded = await ensureEmbeddedDatastore('memory://', getLogger('test'), { idleInTransactionMs: 1_000 });
    port = Number(new URL(embedded.url).port);
    await pool(1).query(
      'CREATE TABLE counter (id int PRIMARY KEY, v int NOT NULL); INSERT INTO counter VALUES (1, 0)',
    );
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end().catch(() => undefined)));
    await embedded.stop();
  });

  it('keeps concurrent read-modify-write transactions from many connections exact', async () => {
    const pools3 = [pool(6), pool(6), pool(6)];
    const before = (await pools3[0].query<{ v: number }>('SELECT v FROM counter WHERE id = 1')).rows[0].v;
    let committed = 0;
    await Promise.all(
      Array.from({ length: 120 }, async (_, index) => {
        const client = await pools3[index % 3].connect();
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ v: number }>('SELECT v FROM counter WHERE id = $1', [1]);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 2));
          await client.query('UPDATE counter SET v = $1 WHERE id = 1', [rows[0].v + 1]);
          if (index % 7 === 0) {
            await client.query('ROLLBACK');
          } else {
            await client.query('COMMIT');
            committed++;
          }
        } finally {
          client.release();
        }
      }),
    );
    const after = (await pools3[1].query<{ v: number }>('SELECT v FROM counter WHERE id = 1')).rows[0].v;
    expect(after - before).toBe(committed);
  });

  it('says it is one shared session, so adapters never name prepared statements here', async () => {
    expect(await isSharedSessionServer(pool(1))).toBe(true);
    // Why it matters: a name one client prepares is taken for every other client.
    const [a, b] = [new Client({ port, host: '127.0.0.1', user: 'postgres' }), pool(1)];
    await a.connect();
    try {
      await a.query({ name: 'probe', text: 'SELECT 1 AS one', values: [] });
      await expect(b.query({ name: 'probe', text: 'SELECT 1 AS one', values: [] })).rejects.toThrow(
        /already exists/,
      );
    } finally {
      await a.end();
    }
  });

  it('never mixes up parameterised statements of different clients', async () => {
    const pools2 = [pool(8), pool(8)];
    const answers = await Promise.all(
      Array.from({ length: 400 }, (_, index) =>
        pools2[index % 2].query<{ n: number; s: string }>('SELECT $1::int AS n, $2::text AS s', [
          index,
          `v${index}`,
        ]),
      ),
    );
    answers.forEach(({ rows }, index) => expect(rows[0]).toEqual({ n: index, s: `v${index}` }));
  });

  it('rolls back the transaction of a client that disappears, and carries on', async () => {
    const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('BEGIN');
    await client.query('UPDATE counter SET v = -1 WHERE id = 1');
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const { rows } = await pool(1).query<{ v: number }>('SELECT v FROM counter WHERE id = 1');
    expect(rows[0].v).not.toBe(-1);
  });

  it('recovers after an error in the middle of an extended-protocol exchange', async () => {
    const p = pool(1);
    await expect(p.query('SELECT 1 / $1::int', [0])).rejects.toThrow('division by zero');
    expect((await p.query<{ ok: string }>('SELECT $1::text AS ok', ['fine'])).rows[0].ok).toBe('fine');
  });

  it('disconnects a client that sits idle inside a transaction, so others are not blocked forever', async () => {
    const idle = new Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    idle.on('error', () => undefined);
    await idle.connect();
    await idle.query('BEGIN');
    const started = Date.now();
    const { rows } = await pool(1).query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0].one).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await idle.end().catch(() => undefined);
  });
});
