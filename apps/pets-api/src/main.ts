import 'reflect-metadata';
import cluster from 'node:cluster';
import { loadConfigOrExit } from '@pets/config';
import { getLogger, initLogging } from '@pets/logging';
import { keepWebAssemblyOnBaselineCompiler } from '@pets/runtime';
import { ApiSettings } from './config/api.settings';
import { runApiWorker } from './process/api-worker';
import { runClusterPrimary } from './process/cluster-primary';

async function main(): Promise<void> {
  // Before anything connects upstream (see the function: 35-40 MiB less peak memory).
  keepWebAssemblyOnBaselineCompiler();
  const settings = loadConfigOrExit(ApiSettings);
  const logging = initLogging({ service: 'pets-api', ...settings.logging });
  if (cluster.isPrimary && settings.http.workers > 1) await runClusterPrimary(settings, logging);
  else await runApiWorker(settings, logging);
}

main().catch((error: unknown) => {
  getLogger('pets-api').fatal({ err: error }, 'pets-api failed to start');
  process.exitCode = 1;
});
