// Helm reads only files inside the chart, so files/ carries copies of k6/ (the bench Job's
// scripts) and docker/nginx/ (the upstream). This fails as soon as a copy drifts from its
// source; charts/pets-platform/scripts/sync-files.sh refreshes them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { CHART_DIR, REPO_ROOT } from './helm';

const FIX = 'run charts/pets-platform/scripts/sync-files.sh';

/** Relative paths of the *.js files directly in dir and in dir/lib (what the Job mounts). */
function k6Scripts(dir: string): string[] {
  const list = (sub: string): string[] =>
    existsSync(path.join(dir, sub))
      ? readdirSync(path.join(dir, sub), { withFileTypes: true })
          .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
          .map((entry) => path.posix.join(sub, entry.name))
      : [];
  return [...list('.'), ...list('lib')].map((file) => path.posix.normalize(file)).sort();
}

/** Every file under dir, recursively, relative to it. */
function allFiles(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? allFiles(dir, path.posix.join(prefix, entry.name))
        : [path.posix.join(prefix, entry.name)],
    )
    .sort();
}

describe('files/ copies', () => {
  const source = path.join(REPO_ROOT, 'k6');
  const copy = path.join(CHART_DIR, 'files/k6');

  it(`files/k6 holds exactly the k6 scripts (${FIX})`, () => {
    const expected = k6Scripts(source);
    if (expected.length === 0) {
      // No script written yet: the copy is the placeholder that fails loudly when run.
      expect(allFiles(copy)).toEqual(['bench.js']);
      expect(readFileSync(path.join(copy, 'bench.js'), 'utf8')).toContain('placeholder');
      return;
    }
    expect(allFiles(copy)).toEqual(expected);
  });

  it(`each k6 copy is identical to its source (${FIX})`, () => {
    const drifted = k6Scripts(source).filter(
      (file) =>
        !existsSync(path.join(copy, file)) ||
        !readFileSync(path.join(copy, file)).equals(readFileSync(path.join(source, file))),
    );
    expect(drifted).toEqual([]);
  });

  it.each([
    ['docker/nginx/upstream.conf', 'files/nginx/nginx.conf'],
    ['docker/nginx/index.html', 'files/nginx/index.html'],
  ])(`%s is copied to %s (${FIX})`, (from, to) => {
    expect(readFileSync(path.join(CHART_DIR, to)).equals(readFileSync(path.join(REPO_ROOT, from)))).toBe(
      true,
    );
  });

  it('the upstream page is nginx stock welcome page, 615 bytes', () => {
    const page = readFileSync(path.join(REPO_ROOT, 'docker/nginx/index.html'));
    expect(page.length).toBe(615);
    expect(page.toString('utf8')).toContain('<title>Welcome to nginx!</title>');
  });
});
