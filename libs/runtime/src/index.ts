export { closeOnSignals, type Closable, type GracefulShutdownOptions } from './graceful-shutdown';
