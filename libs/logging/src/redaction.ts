/** Fields whose values never reach a log line, wherever a caller puts them. */
export const REDACTED_PATHS = [
  'authorization',
  'password',
  'token',
  'tokens',
  'apiTokens',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.authorization',
  '*.password',
  '*.token',
  '*.apiTokens',
];

export const REDACTION_CENSOR = '[REDACTED]';

// `scheme://user:secret@host` → `scheme://user:[REDACTED]@host`. Runs on each
// finished line that contains "@", so it also catches URLs inside messages and
// error texts that no redaction path could name.
const URL_CREDENTIALS = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'\\]*:)[^\s@/"'\\]+@/gi;

export function redactUrlCredentials(text: string): string {
  return text.includes('@') ? text.replace(URL_CREDENTIALS, `$1${REDACTION_CENSOR}@`) : text;
}
