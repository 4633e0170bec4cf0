import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { hasWrk } from '../upstream/load';

export interface Move {
  id: string;
  location: string;
}

export interface MoveTarget {
  /** The API's origin, e.g. http://127.0.0.1:18100. */
  api: string;
  token: string;
  /** Requests in flight at once. */
  concurrency: number;
}

/**
 * Sends every move once as `PATCH /v1/pets/{id}`, `concurrency` at a time,
 * as fast as the API takes them; resolves with the milliseconds it took, or
 * rejects if any was not answered 200. The load generator shares the cores
 * with what it measures, so it should cost as little as it can: wrk when
 * installed, otherwise an undici pool.
 */
export function sendMoves(moves: Move[], target: MoveTarget): Promise<number> {
  return hasWrk() ? sendWithWrk(moves, target) : sendWithUndici(moves, target);
}

async function sendWithWrk(moves: Move[], target: MoveTarget): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-moves-'));
  const file = join(dir, 'moves.txt');
  writeFileSync(file, moves.map((move) => `${move.id} ${move.location}\n`).join(''));
  try {
    const started = performance.now();
    const { ok, failed, elapsedMs } = await new Promise<{ ok: number; failed: number; elapsedMs: number }>(
      (resolve, reject) => {
        const script = join(__dirname, 'moves.wrk.lua');
        const child = spawn(
          'wrk',
          ['-t', '1', '-c', String(target.concurrency), '-d', '600s', '-s', script, target.api],
          {
            env: { ...process.env, MOVES_FILE: file, MOVES_TOKEN: target.token },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        let stderr = '';
        let report: { ok: number; failed: number; elapsedMs: number } | undefined;
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const json = /MOVES_JSON (.*)/.exec(stderr)?.[1];
          if (json && !report) {
            report = {
              ...(JSON.parse(json) as { ok: number; failed: number }),
              elapsedMs: performance.now() - started,
            };
            // The script has stopped sending; wrk itself waits out -d unless interrupted.
            child.kill('SIGINT');
          }
        });
        child.on('error', reject);
        child.on('exit', () =>
          report ? resolve(report) : reject(new Error(`wrk ended before every move was answered: ${stderr}`)),
        );
      },
    );
    if (failed > 0 || ok !== moves.length)
      throw new Error(`${failed} of ${moves.length} moves were not answered 200 (${ok} were)`);
    return elapsedMs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sendWithUndici(moves: Move[], target: MoveTarget): Promise<number> {
  let next = 0;
  // A keep-alive pool, one connection per sender.
  const client = new Pool(target.api, { connections: target.concurrency });
  const headers = { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' };
  const started = performance.now();
  const sender = async (): Promise<void> => {
    while (next < moves.length) {
      const move = moves[next++];
      const { statusCode, body } = await client.request({
        path: `/v1/pets/${move.id}`,
        method: 'PATCH',
        headers,
        body: JSON.stringify({ location: move.location }),
      });
      const text = await body.text();
      if (statusCode !== 200) throw new Error(`PATCH answered ${statusCode}: ${text}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: target.concurrency }, sender));
    return performance.now() - started;
  } finally {
    await client.close();
  }
}
