import { IsInt, IsOptional, IsString, Max, Min, MinLength, ValidateBy } from '@pets/validation';
import { asNumber, asOptionalString } from '../parsers/env-parsers';
import { Env, Secret } from '../setting.decorators';

export const DATASTORE_SCHEMES = ['postgres:', 'postgresql:', 'mongodb:', 'mongodb+srv:'] as const;

function IsDatastoreUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isDatastoreUrl',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string') return false;
        try {
          return (DATASTORE_SCHEMES as readonly string[]).includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      defaultMessage: () =>
        'must be a postgres://, postgresql://, mongodb:// or mongodb+srv:// URL (unset it for the embedded datastore)',
    },
  });
}

/** Where pets, the change log and the aggregates live; shared by the API and the worker. */
export class DatastoreSettings {
  /** Unset: the embedded PostgreSQL (PGlite) under `embeddedDataDir`. */
  @Env('DATASTORE_URL', asOptionalString)
  @Secret()
  @IsOptional()
  @IsDatastoreUrl()
  url?: string;

  /** Data directory of the embedded datastore; `memory://` keeps nothing on disk. */
  @Env('EMBEDDED_DATA_DIR', asOptionalString)
  @IsString()
  @MinLength(1)
  embeddedDataDir = '.data/pglite';

  /** Upper bound on any single datastore call. */
  @Env('DATASTORE_TIMEOUT_MS', asNumber)
  @IsInt()
  @Min(50)
  @Max(600_000)
  timeoutMs = 5_000;

  /** Connections per process. */
  @Env('DATASTORE_POOL_SIZE', asNumber)
  @IsInt()
  @Min(1)
  @Max(200)
  poolSize = 10;

  /**
   * PostgreSQL: most pet updates sent as one statement. Updates that arrive
   * while `writeBatchesInFlight` statements run are grouped up to this (1: never).
   */
  @Env('DATASTORE_WRITE_BATCH_MAX', asNumber)
  @IsInt()
  @Min(1)
  @Max(64)
  writeBatchMax = 32;

  /** PostgreSQL: grouped update statements one process runs at once. */
  @Env('DATASTORE_WRITE_BATCHES_IN_FLIGHT', asNumber)
  @IsInt()
  @Min(1)
  @Max(200)
  writeBatchesInFlight = 2;

  /** How long the circuit stays open before a trial call. */
  @Env('DATASTORE_BREAKER_RESET_MS', asNumber)
  @IsInt()
  @Min(100)
  @Max(600_000)
  breakerResetMs = 5_000;
}
