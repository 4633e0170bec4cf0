import { requestIdFrom } from './request-id';

describe('requestIdFrom', () => {
  it('keeps a well-formed caller id', () => {
    expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
  });
  it.each([[undefined], [''], ['has space'], ['x'.repeat(129)], [['a', 'b']], ['quote"d']])(
    'replaces %p with a UUID',
    (header) => {
      expect(requestIdFrom(header as string | undefined)).toMatch(/^[0-9a-f-]{36}$/);
    },
  );
});
