import { DatastoreSettings } from '@pets/config';
import { DatastoreConnection, openDatastore } from '@pets/datastore';
import { initLogging } from '@pets/logging';

export interface TestDatastore {
  connection: DatastoreConnection;
  settings: DatastoreSettings;
  close(): Promise<void>;
}

/** Opens a datastore the way the apps do (migrations included), for adapter tests. */
export async function openTestDatastore(overrides: Partial<DatastoreSettings>): Promise<TestDatastore> {
  const settings = Object.assign(new DatastoreSettings(), { timeoutMs: 10_000, ...overrides });
  const logging = initLogging({ service: 'test', level: 'error' });
  const { connection, lifecycle } = await openDatastore({ settings, service: 'pets-api-test', logging });
  await lifecycle.start();
  if (!connection.isSchemaReady) {
    await lifecycle.stop();
    throw new Error('the test datastore did not come up');
  }
  return { connection, settings, close: () => lifecycle.stop() };
}
