import { getLogger, type LoggerRegistry } from '@pets/logging';
import { acceptFromMoreDescriptors, closeOnSignals } from '@pets/runtime';
import { createApiApp } from '../bootstrap/create-api-app';
import type { ApiSettings } from '../config/api.settings';

/** One API process: builds its own app, pools and clients, then listens. */
export async function runApiWorker(settings: ApiSettings, logging: LoggerRegistry): Promise<void> {
  const app = await createApiApp(settings, logging);
  const log = getLogger('pets-api');
  if (settings.auth.tokens.length === 0)
    log.warn('API_TOKENS is empty: every write (POST, PATCH, DELETE) will be refused');
  closeOnSignals(app, { log, deadlineMs: settings.http.shutdownGraceMs + 5_000 });
  await app.listen(settings.http.port, settings.http.host);
  // From the cluster primary in a worker; from a short-lived helper process in a process of its own.
  const extraDescriptors = await acceptFromMoreDescriptors(
    app.getHttpServer(),
    settings.http.acceptDescriptors - 1,
  );
  const index = process.env.API_WORKER_INDEX;
  log.info(
    {
      url: await app.getUrl(),
      ...(index === undefined ? {} : { worker: Number(index) }),
      acceptDescriptors: 1 + extraDescriptors,
    },
    index === undefined ? 'pets-api listening' : 'API worker listening',
  );
}
