import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether `pid` runs: an exited process not yet reaped (a zombie, state Z) does not. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

// The embedded datastore exits with the process that started it, even when
// that process dies without stopping it (a crash, process.exit, SIGKILL):
// nobody would be left to stop it. It must go quietly, not with an error
// thrown on its way out.
describe('the embedded datastore process whose parent dies', () => {
  it('stops, exits and reports no error', async () => {
    const launcher = join(__dirname, 'embedded-datastore.launcher.ts');
    // The parent: starts a throwaway datastore, says its pid, and exits at once without stopping it.
    const parentScript = `
      const { ensureEmbeddedDatastore } = require(${JSON.stringify(launcher)});
      const log = { info: (fields) => fields.pid && console.log('server pid ' + fields.pid), warn() {}, error() {} };
      ensureEmbeddedDatastore('memory://', log).then(() => process.exit(0));
    `;
    const parent = spawn(process.execPath, ['-r', '@swc-node/register', '-e', parentScript], {
      cwd: join(__dirname, '../../../..'),
      env: { ...process.env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    parent.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    parent.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // The server inherits the parent's stdout and stderr: both close only once it has exited too.
    await Promise.all(
      [parent.stdout, parent.stderr].map((stream) => new Promise((resolve) => stream.once('close', resolve))),
    );

    const pid = Number(/server pid (\d+)/.exec(output)?.[1]);
    expect(pid).toBeGreaterThan(0);
    expect(isRunning(pid)).toBe(false);
    expect(output).toContain('parent exited');
    expect(output).not.toMatch(/ERR_IPC_DISCONNECTED|"level":(50|60)/);
  }, 60_000);
});
