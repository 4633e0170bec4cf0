import type { DatastoreSettings } from '@pets/config';

/** Which store a process talks to, decided once from DATASTORE_URL's scheme. */
export type DatastoreTarget =
  | { kind: 'postgres'; url: string }
  | { kind: 'mongodb'; url: string }
  | { kind: 'embedded'; dataDir: string };

export function datastoreTargetOf(
  settings: Pick<DatastoreSettings, 'url' | 'embeddedDataDir'>,
): DatastoreTarget {
  if (!settings.url) return { kind: 'embedded', dataDir: settings.embeddedDataDir };
  const scheme = new URL(settings.url).protocol;
  if (scheme === 'mongodb:' || scheme === 'mongodb+srv:') return { kind: 'mongodb', url: settings.url };
  return { kind: 'postgres', url: settings.url };
}
