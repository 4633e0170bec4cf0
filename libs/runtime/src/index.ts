export { closeOnSignals, type Closable, type GracefulShutdownOptions } from './graceful-shutdown';
export { keepWebAssemblyOnBaselineCompiler } from './wasm-tiering';
