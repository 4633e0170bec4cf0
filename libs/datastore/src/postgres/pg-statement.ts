import type { QueryConfig } from 'pg';

/**
 * A statement the server parses and plans once per connection, then reuses
 * (a named prepared statement): on the API's hot paths, parsing and planning
 * cost PostgreSQL more than running the statement. Only for fixed SQL text
 * whose plan does not hinge on its parameters (primary-key lookups and
 * writes): a generic plan must fit every call.
 *
 * The embedded store serves every client from one shared session, where the
 * same name prepared by two clients would collide: there the statement stays
 * unnamed, planned per call as before.
 */
export interface PgStatement {
  readonly name: string;
  readonly text: string;
}

export function pgStatement(name: string, text: string): PgStatement {
  return { name, text };
}

/** The query for `statement` with `values`, named when the connection allows it. */
export function pgQueryOf(statement: PgStatement, values: unknown[], prepare: boolean): QueryConfig {
  return prepare ? { name: statement.name, text: statement.text, values } : { text: statement.text, values };
}
