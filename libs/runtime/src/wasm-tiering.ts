import { setFlagsFromString } from 'node:v8';

/**
 * Keeps WebAssembly on V8's baseline compiler (Liftoff): no recompilation
 * with TurboFan when a WebAssembly function gets hot.
 *
 * Why: undici parses every HTTP response with llhttp compiled to
 * WebAssembly. Once the parser is hot, V8 recompiles it with TurboFan on a
 * helper thread, and that one compilation holds 35-40 MiB of memory for
 * about 100 ms: at the start of every load it was the API process's peak
 * RSS (150-165 MiB, against 139-147 MiB for the rest of the run), and glibc
 * keeps part of it afterwards. The optimised parser is not faster here:
 * 0.21 us per response either way.
 *
 * Call it before the first WebAssembly module is compiled. Not for a process
 * whose real work is WebAssembly (the embedded PGlite server).
 */
export function keepWebAssemblyOnBaselineCompiler(): void {
  setFlagsFromString('--no-wasm-tier-up');
  setFlagsFromString('--no-wasm-dynamic-tiering');
}
