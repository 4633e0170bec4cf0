// Shape checks for the API's JSON answers, used inside k6 check() callbacks.
// Pure functions, no k6 imports (tested under Node).

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed JSON body, or null when the body is missing (discarded) or is not JSON. */
export function parseJson(body) {
  if (typeof body !== 'string' || body === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** GET /v1/upstream answers { status, length }: the upstream's status and body length, numbers. */
export function isUpstreamAnswer(value) {
  return (
    isObject(value) &&
    typeof value.status === 'number' &&
    isFinite(value.status) &&
    typeof value.length === 'number' &&
    isFinite(value.length)
  );
}

/** A pet: { id, name, location, tags }. */
export function isPet(value) {
  return (
    isObject(value) &&
    (typeof value.id === 'string' || typeof value.id === 'number') &&
    String(value.id) !== '' &&
    typeof value.name === 'string' &&
    typeof value.location === 'string' &&
    Array.isArray(value.tags) &&
    value.tags.every((tag) => typeof tag === 'string')
  );
}

/** A page of pets: { items: Pet[], nextCursor: string | null }. */
export function isPetPage(value) {
  return (
    isObject(value) &&
    Array.isArray(value.items) &&
    value.items.every(isPet) &&
    (value.nextCursor === null || typeof value.nextCursor === 'string')
  );
}

/** Tag counts: { tag, location: { [location]: count } } with whole, non-negative counts. */
export function isTagCounts(value, tag) {
  if (!isObject(value) || value.tag !== tag || !isObject(value.location)) return false;
  return Object.keys(value.location).every((location) => {
    const count = value.location[location];
    return typeof count === 'number' && count >= 0 && Math.floor(count) === count;
  });
}
