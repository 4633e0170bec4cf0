import type { SqlMigration } from '../sql-migration';

export const countsByteOrderMigration: SqlMigration = {
  id: 6,
  name: 'counts-byte-order',
  sql: `
    -- The counts' keys compare byte by byte (collation "C"), not by the
    -- database's locale: every batch of the worker looks up thousands of
    -- (tag, location) keys, and locale comparison (strcoll) cost 7-12% of
    -- PostgreSQL's time per folded change. Tags also page in the same
    -- order on every server and in MongoDB (which orders _id by bytes), and
    -- a C library upgrade can never reorder this index under our feet.
    -- Rewrites the table and its primary key once.
    ALTER TABLE tag_location_counts
      ALTER COLUMN tag TYPE text COLLATE "C",
      ALTER COLUMN location TYPE text COLLATE "C";
  `,
};
