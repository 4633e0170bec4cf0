import type { SqlMigration } from '../sql-migration';

export const petChangesMigration: SqlMigration = {
  id: 2,
  name: 'pet-changes',
  sql: `
    -- The change log: one row per write that changed a pet's location or tags,
    -- inserted in the same transaction as the write. txid is that transaction's
    -- id; readers order by (txid, seq) and only read below the oldest running
    -- transaction, so a change that commits late is never skipped.
    CREATE TABLE pet_changes (
      txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      seq bigint GENERATED ALWAYS AS IDENTITY,
      pet_id uuid NOT NULL,
      before_location text,
      before_tags text[],
      after_location text,
      after_tags text[],
      changed_at timestamptz NOT NULL DEFAULT now(),
      req_id text,
      PRIMARY KEY (txid, seq)
    );
  `,
};
