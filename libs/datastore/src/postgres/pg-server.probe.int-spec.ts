import { Pool } from 'pg';
import { describeIf, testPostgresUrl } from '@pets/testing';
import { isSharedSessionServer } from './pg-server.probe';
import { pgQueryOf, pgStatement } from './pg-statement';

describeIf(testPostgresUrl)('a PostgreSQL server (session per connection)', () => {
  let pool: Pool;
  beforeAll(() => {
    pool = new Pool({ connectionString: testPostgresUrl, max: 2 });
  });
  afterAll(() => pool.end());

  it('is not taken for the embedded store, and runs named statements on every connection', async () => {
    expect(await isSharedSessionServer(pool)).toBe(false);
    const statement = pgStatement('probe.add', 'SELECT $1::int + 1 AS next');
    // Two connections, each preparing the same name in its own session.
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    try {
      for (const client of [a, b, a, b]) {
        const { rows } = await client.query<{ next: number }>(pgQueryOf(statement, [41], true));
        expect(rows[0].next).toBe(42);
      }
      const { rows } = await a.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = 'probe.add'`,
      );
      expect(rows[0].n).toBe(1);
    } finally {
      a.release();
      b.release();
    }
  });

  it('leaves a statement unnamed where preparing is not allowed', () => {
    const statement = pgStatement('probe.add', 'SELECT $1::int + 1 AS next');
    expect(pgQueryOf(statement, [1], false)).toEqual({ text: statement.text, values: [1] });
    expect(pgQueryOf(statement, [1], true)).toEqual({ name: 'probe.add', text: statement.text, values: [1] });
  });
});
