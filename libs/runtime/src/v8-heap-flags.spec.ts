import { API_V8_FLAGS, withApiV8Flags } from './v8-heap-flags';

describe('withApiV8Flags', () => {
  it('adds the API flags to a plain command line', () => {
    expect(withApiV8Flags(['--enable-source-maps'], undefined)).toEqual([
      '--enable-source-maps',
      ...API_V8_FLAGS,
    ]);
  });

  it('keeps a value the operator gave on the command line, in either spelling', () => {
    expect(withApiV8Flags(['--max-semi-space-size=32'], '')).toEqual([
      '--max-semi-space-size=32',
      '--no-allocation-site-pretenuring',
    ]);
    expect(withApiV8Flags(['--max_semi_space_size=32'], '')).toEqual([
      '--max_semi_space_size=32',
      '--no-allocation-site-pretenuring',
    ]);
  });

  it('keeps a boolean flag the operator set either way', () => {
    const given = ['--allocation-site-pretenuring'];
    expect(withApiV8Flags(given, '')).toEqual([...given, '--max-semi-space-size=8']);
    expect(withApiV8Flags(['--no-allocation_site_pretenuring'], '')).toEqual([
      '--no-allocation_site_pretenuring',
      '--max-semi-space-size=8',
    ]);
  });

  it('keeps a value the operator gave in NODE_OPTIONS', () => {
    expect(withApiV8Flags([], '--inspect --max-semi-space-size=2')).toEqual([
      '--no-allocation-site-pretenuring',
    ]);
  });

  it('adds nothing twice', () => {
    const once = withApiV8Flags([], undefined);
    expect(withApiV8Flags(once, undefined)).toEqual(once);
  });
});
