import type { SqlMigration } from '../sql-migration';

export const petAggregatesMigration: SqlMigration = {
  id: 3,
  name: 'pet-aggregates',
  sql: `
    -- The article's record, made safe: one row per stream, holding where the
    -- worker is in the change log (watermark) and who may write (the lease lock).
    -- fencing_token grows with every acquisition; every write of the holder
    -- checks it under this row's lock, so a holder that lost the lock cannot write.
    CREATE TABLE stream_state (
      name text PRIMARY KEY,
      watermark jsonb NOT NULL DEFAULT '{}'::jsonb,
      lock_owner text,
      lock_type text CHECK (lock_type IN ('update', 'bulk')),
      lease_until timestamptz,
      fencing_token bigint NOT NULL DEFAULT 0,
      -- Set by a rebuild that wants the lock: the update holder yields it.
      bulk_requested_at timestamptz,
      stats jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    INSERT INTO stream_state (name) VALUES ('pet-aggregates');

    -- For each tag, how many pets are in each location.
    CREATE TABLE tag_location_counts (
      tag text NOT NULL,
      location text NOT NULL,
      count bigint NOT NULL,
      PRIMARY KEY (tag, location)
    );

    CREATE TABLE rebuild_jobs (
      id uuid PRIMARY KEY,
      status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
      requested_at timestamptz NOT NULL DEFAULT now(),
      requested_by text,
      started_at timestamptz,
      finished_at timestamptz,
      runner text,
      progress jsonb NOT NULL DEFAULT '{}'::jsonb,
      error text
    );
    CREATE INDEX rebuild_jobs_open_idx ON rebuild_jobs (requested_at) WHERE status IN ('queued', 'running');
  `,
};
