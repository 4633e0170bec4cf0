import type { DestinationStream } from 'pino';

/** A pino destination that keeps each written line as parsed JSON, for tests. */
export class CapturedLines implements DestinationStream {
  readonly lines: Record<string, unknown>[] = [];
  write(chunk: string): void {
    for (const line of chunk.split('\n'))
      if (line) this.lines.push(JSON.parse(line) as Record<string, unknown>);
  }
}
