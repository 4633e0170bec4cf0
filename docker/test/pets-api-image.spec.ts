import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_V8_FLAGS } from '@pets/runtime';

const dockerfile = readFileSync(join(__dirname, '../pets-api.Dockerfile'), 'utf8');

/** The exec-form CMD of the runtime stage (the last CMD line), as an argument list. */
function command(): string[] {
  const lines = dockerfile.split('\n').filter((line) => line.startsWith('CMD '));
  return JSON.parse(lines[lines.length - 1].slice('CMD '.length)) as string[];
}

// A pod runs one API process straight from the image's command, so the V8
// flags the API is measured with must be on it.
describe('pets-api image', () => {
  it('starts node with the API V8 flags before the entry point, as PID 1 (exec form)', () => {
    expect(command()).toEqual(['node', ...API_V8_FLAGS, 'dist/apps/pets-api/src/main.js']);
  });
});
