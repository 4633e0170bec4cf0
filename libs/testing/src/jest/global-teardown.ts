import { stopMongoContainer } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  await stopMongoContainer();
}
