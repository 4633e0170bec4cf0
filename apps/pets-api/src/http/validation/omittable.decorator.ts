import { ValidateIf } from '@pets/validation';

/**
 * The field may be left out, but not sent as null: unlike @IsOptional, which
 * skips validation for both, so `"tags": null` would silently mean "no tags".
 */
export function Omittable(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
