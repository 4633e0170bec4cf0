import { ValidateBy, type ValidationOptions } from '@pets/validation';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const MODULE_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

/** A map of module name to level, such as `LOG_LEVELS=datastore=debug,http=warn`. */
export function IsLogLevelMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLogLevelMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(
            ([module, level]) =>
              MODULE_NAME.test(module) && (LOG_LEVELS as readonly unknown[]).includes(level),
          ),
        defaultMessage: () =>
          `must be a list of module=level pairs with a level among ${LOG_LEVELS.join(', ')}, such as "datastore=debug,http=warn"`,
      },
    },
    options,
  );
}
