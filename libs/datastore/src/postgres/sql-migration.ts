/** One step of the PostgreSQL schema. Append new steps; never edit an applied one. */
export interface SqlMigration {
  id: number;
  name: string;
  sql: string;
}
