import { UpstreamDeadlines, type WatchedCall } from './upstream-deadlines';

// The clock is driven by hand (advance), one tick a quarter of the timeout.
function call(name: string, expired: string[]): WatchedCall {
  return {
    lastSeenTick: 0,
    watched: false,
    previousWatched: undefined,
    nextWatched: undefined,
    expire: () => expired.push(name),
  };
}

describe('UpstreamDeadlines', () => {
  let deadlines: UpstreamDeadlines;
  let expired: string[];
  beforeEach(() => {
    deadlines = new UpstreamDeadlines(1_000);
    expired = [];
  });
  afterEach(() => deadlines.close());

  const advance = (ticks: number) => {
    for (let i = 0; i < ticks; i++) deadlines.advance();
  };

  it('expires a silent call on the fifth tick after it was last seen (1 to 1.25 timeouts), once', () => {
    const a = call('a', expired);
    deadlines.touch(a);
    advance(4);
    expect(expired).toEqual([]);
    advance(1);
    expect(expired).toEqual(['a']);
    expect(a.watched).toBe(false);
    advance(10);
    expect(expired).toEqual(['a']);
  });

  it('starts the clock again at every sign of life', () => {
    const a = call('a', expired);
    deadlines.touch(a);
    advance(3);
    deadlines.touch(a);
    advance(4);
    expect(expired).toEqual([]);
    advance(1);
    expect(expired).toEqual(['a']);
  });

  it('never expires a released call', () => {
    const a = call('a', expired);
    deadlines.touch(a);
    advance(2);
    deadlines.release(a);
    deadlines.release(a);
    advance(10);
    expect(expired).toEqual([]);
  });

  it('expires only the calls whose time is up, in the order they fell silent', () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => call(name, expired));
    deadlines.touch(a);
    deadlines.touch(b);
    advance(2);
    deadlines.touch(c);
    deadlines.touch(d);
    deadlines.touch(a); // a is heard from again: now the newest.
    deadlines.release(d);
    advance(3);
    expect(expired).toEqual(['b']);
    advance(2);
    expect(expired).toEqual(['b', 'c', 'a']);
    // The list is empty again and takes new calls.
    const e = call('e', expired);
    deadlines.touch(e);
    advance(5);
    expect(expired).toEqual(['b', 'c', 'a', 'e']);
  });

  it('keeps its bounds for a timeout shorter than four ticks of 5 ms', () => {
    const short = new UpstreamDeadlines(10);
    const a = call('a', expired);
    short.touch(a);
    short.advance();
    short.advance();
    expect(expired).toEqual([]);
    short.advance();
    expect(expired).toEqual(['a']);
    short.close();
  });
});
