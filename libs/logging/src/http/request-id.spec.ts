import { requestIdFrom } from './request-id';

const GENERATED = /^[A-Za-z0-9_-]{22}-\d+$/;

describe('requestIdFrom', () => {
  it('keeps a well-formed caller id', () => {
    expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
  });
  it.each([[undefined], [''], ['has space'], ['x'.repeat(129)], [['a', 'b']], ['quote"d']])(
    'replaces %p with a new id',
    (header) => {
      expect(requestIdFrom(header as string | undefined)).toMatch(GENERATED);
    },
  );
  it('never gives the same id twice, and a generated id is kept when sent back', () => {
    const ids = Array.from({ length: 10_000 }, () => requestIdFrom(undefined));
    expect(new Set(ids).size).toBe(ids.length);
    expect(requestIdFrom(ids[0])).toBe(ids[0]);
  });
});
