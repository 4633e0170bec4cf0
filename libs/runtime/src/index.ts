export { closeOnSignals, type Closable, type GracefulShutdownOptions } from './graceful-shutdown';
export { API_V8_FLAGS, withApiV8Flags } from './v8-heap-flags';
export { keepWebAssemblyOnBaselineCompiler } from './wasm-tiering';
export { clusterSchedulingPolicy, useClusterSchedulingPolicy } from './cluster-scheduling';
export {
  acceptFromMoreDescriptors,
  DEFAULT_ACCEPT_DESCRIPTORS,
  serveAcceptDescriptors,
} from './accept-descriptors';
