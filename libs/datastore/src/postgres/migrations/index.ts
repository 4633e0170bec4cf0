import type { SqlMigration } from '../sql-migration';
import { petsMigration } from './0001-pets.migration';
import { petChangesMigration } from './0002-pet-changes.migration';
import { petAggregatesMigration } from './0003-pet-aggregates.migration';
import { countsFillfactorMigration } from './0004-counts-fillfactor.migration';
import { petsHotMovesMigration } from './0005-pets-hot-moves.migration';
import { countsByteOrderMigration } from './0006-counts-byte-order.migration';

/** The platform's PostgreSQL schema, in order. */
export const POSTGRES_MIGRATIONS: readonly SqlMigration[] = [
  petsMigration,
  petChangesMigration,
  petAggregatesMigration,
  countsFillfactorMigration,
  petsHotMovesMigration,
  countsByteOrderMigration,
];
