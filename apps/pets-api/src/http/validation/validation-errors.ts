import type { ValidationError } from '@pets/validation';
import type { FieldError } from '../problem/problem-details';

/**
 * class-validator's error tree as a flat list of `{ path, message }`, one per
 * failing field, with paths as a client writes them (`location.name`).
 */
export function fieldErrorsOf(errors: readonly ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const message = messageOf(error);
    const own: FieldError[] = message === undefined ? [] : [{ path, message }];
    return [...own, ...fieldErrorsOf(error.children ?? [], path)];
  });
}

/**
 * One message per field, the most useful one: "is required" for a missing
 * value, "is not allowed" for an unknown field, otherwise the top-most
 * decorator's (class-validator lists it last), which by convention is the
 * type check: "must be a string" rather than "must be shorter than ...".
 */
function messageOf(error: ValidationError): string | undefined {
  const constraints = error.constraints ?? {};
  if ('whitelistValidation' in constraints) return 'is not allowed';
  const entries = Object.entries(constraints).filter(([rule]) => rule !== 'nestedValidation');
  if (entries.length === 0)
    return constraints.nestedValidation === undefined ? undefined : 'must be an object';
  if (error.value === undefined) return 'is required';
  const [, message] = entries[entries.length - 1];
  const eachPrefix = `each value in ${error.property} `;
  if (message.startsWith(eachPrefix)) return `each item ${message.slice(eachPrefix.length)}`;
  return message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message;
}
