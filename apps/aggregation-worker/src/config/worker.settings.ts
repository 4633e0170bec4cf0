import { DatastoreSettings, LoggingSettings, Section } from '@pets/config';
import { AggregationSettings } from './aggregation.settings';

/** Everything the aggregation worker reads at start-up. */
export class WorkerSettings {
  @Section(() => LoggingSettings)
  logging = new LoggingSettings();

  @Section(() => DatastoreSettings)
  datastore = new DatastoreSettings();

  @Section(() => AggregationSettings)
  aggregation = new AggregationSettings();
}
