import { DatastoreSettings, LoggingSettings, Section } from '@pets/config';
import { AuthSettings } from './auth.settings';
import { HttpSettings } from './http.settings';
import { UpstreamSettings } from './upstream.settings';

/** Everything the pets API reads at start-up: defaults, then CONFIG_FILE, then the environment. */
export class ApiSettings {
  @Section(() => LoggingSettings)
  logging = new LoggingSettings();

  @Section(() => DatastoreSettings)
  datastore = new DatastoreSettings();

  @Section(() => HttpSettings)
  http = new HttpSettings();

  @Section(() => AuthSettings)
  auth = new AuthSettings();

  @Section(() => UpstreamSettings)
  upstream = new UpstreamSettings();
}
