import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

const WIDTH = 18;
const SERVICE_FIELD = /"service":"([^"]{1,40})"/;

/**
 * Centralised logs, locally: every line a process writes comes out on our
 * stdout, prefixed with the service that wrote it: the line's own `service`
 * field when it is one of our JSON lines (the API's pipe also carries the
 * embedded datastore's lines), else the process's name. Lines stay whole, so
 * lines from different processes never interleave mid-line.
 */
export function mergeInto(
  out: NodeJS.WritableStream,
  service: string,
  ...streams: (Readable | null)[]
): void {
  for (const stream of streams) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      out.write(`${prefixOf(line, service)}${line}\n`);
    });
  }
}

export function prefixOf(line: string, fallback: string): string {
  const service = line.startsWith('{') ? (SERVICE_FIELD.exec(line)?.[1] ?? fallback) : fallback;
  return `${service.padEnd(WIDTH)}| `;
}
