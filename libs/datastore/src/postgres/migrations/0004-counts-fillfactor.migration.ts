import type { SqlMigration } from '../sql-migration';

export const countsFillfactorMigration: SqlMigration = {
  id: 4,
  name: 'counts-fillfactor',
  sql: `
    -- Every batch of the worker rewrites thousands of counts. With room left
    -- in each page, a count's new version stays on its page (a HOT update)
    -- and the primary key is not touched: about a fifth less PostgreSQL time
    -- per batch at the articles' scale. Applies to pages written from now on
    -- (every page after a rebuild).
    ALTER TABLE tag_location_counts SET (fillfactor = 70);
  `,
};
