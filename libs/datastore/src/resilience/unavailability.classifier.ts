// Which errors mean "the store is not answering" (count towards the circuit
// breaker, become 503s), as opposed to answers about the data (a unique
// violation, a bad query) that say nothing about the store's health.

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// PostgreSQL SQLSTATE classes and codes for an unavailable or overloaded server.
const PG_UNAVAILABLE_CLASSES = ['08', '53', '57P']; // connection exception, insufficient resources, operator intervention
const PG_STATEMENT_TIMEOUT = '57014';

const MONGO_UNAVAILABLE_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoOperationTimeoutError',
  'MongoWriteConcernError',
]);

const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error',
  'Cannot use a pool after calling end',
];

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  name?: unknown;
  cause?: unknown;
  errors?: unknown;
}

// Duck-typed on purpose: errors raised by Node's own modules (net, dns) come
// from another realm in sandboxes such as Jest's or a vm context, where
// `instanceof Error` is false for them.
export function isUnavailability(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, name, message, cause, errors } = error as ErrorLike;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || code === PG_STATEMENT_TIMEOUT) return true;
    if (PG_UNAVAILABLE_CLASSES.some((prefix) => code.startsWith(prefix))) return true;
  }
  if (typeof name === 'string' && MONGO_UNAVAILABLE_NAMES.has(name)) return true;
  if (typeof message === 'string' && DRIVER_MESSAGES.some((text) => message.includes(text))) return true;
  // AggregateError from a connect attempt to several addresses, and wrapped causes.
  if (Array.isArray(errors) && errors.some((inner) => isUnavailability(inner, depth + 1))) return true;
  return cause !== undefined && cause !== error && isUnavailability(cause, depth + 1);
}
