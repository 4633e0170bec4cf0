import type { SqlMigration } from '../sql-migration';

export const petsMigration: SqlMigration = {
  id: 1,
  name: 'pets',
  sql: `
    CREATE TABLE pets (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      location text NOT NULL,
      tags text[] NOT NULL,
      version integer NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    -- "which pets carry this tag" and "which pets are here", both paged by id.
    CREATE INDEX pets_tags_idx ON pets USING gin (tags);
    CREATE INDEX pets_location_id_idx ON pets (location, id);
  `,
};
