import { SpawnedService } from '@pets/testing';

describe('pets-api configuration errors (built app)', () => {
  it('exits non-zero with one line naming the setting', async () => {
    const api = SpawnedService.start('dist/apps/pets-api/src/main.js', { env: { PORT: 'eighty' } });
    const { code } = await api.exited;
    expect(code).toBe(78);
    expect(api.stderr).toEqual(['Invalid configuration: PORT must be an integer number (got "eighty")']);
    expect(api.lines).toEqual([]);
  });

  it('rejects an unknown datastore scheme before opening anything', async () => {
    const api = SpawnedService.start('dist/apps/pets-api/src/main.js', {
      env: { DATASTORE_URL: 'redis://user:pw@localhost:6379' },
    });
    const { code } = await api.exited;
    expect(code).toBe(78);
    expect(api.stderr).toHaveLength(1);
    expect(api.stderr[0]).toMatch(/^Invalid configuration: DATASTORE_URL must be a postgres:\/\//);
    expect(api.stderr[0]).not.toContain('pw@');
  });
});
