/**
 * A configuration problem, worded for the operator: one line naming each
 * offending setting (by the environment variable or file key that set it) and
 * the reason.
 */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}
