export { SpawnedService, type LogLine, type SpawnOptions } from './spawned-service';
export {
  describeIf,
  isolatedMongoUrl,
  isolatedPostgres,
  testMongoUrl,
  testPostgresUrl,
  type IsolatedPostgres,
} from './test-datastores';
export { TcpProxy } from './tcp-proxy';
export { openTestDatastore, type TestDatastore } from './open-test-datastore';
export { childrenOf, peakRssOf, tcpConnectionsOf, type TcpConnection } from './proc-sockets';
export { freePort, freePorts } from './free-port';
