import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from '@pets/validation';
import { type FieldError, validationProblem } from '../problem/problem-details';
import { fieldErrorsOf } from './validation-errors';

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Array, Object]);

// class-transformer silently skips keys whose target is already a function
// (`toString`, `valueOf`, ...), so the whitelist never sees them: refuse them here.
const INHERITED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

function inheritedKeyErrors(value: unknown, path: string, depth = 0): FieldError[] {
  if (typeof value !== 'object' || value === null || depth > 32) return [];
  return Object.keys(value).flatMap((key) => {
    const keyPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    return INHERITED_NAMES.has(key)
      ? [{ path: keyPath, message: 'is not allowed' }]
      : inheritedKeyErrors((value as Record<string, unknown>)[key], keyPath, depth + 1);
  });
}

/**
 * Validates bodies, query strings and path parameters against their DTO
 * classes: unknown fields are refused, every failing field is reported at
 * once, and only a plain object can be a body (a JSON array, string or null
 * is a 400, not a crash further in).
 */
@Injectable()
export class RequestValidationPipe implements PipeTransform {
  async transform(value: unknown, { metatype, type }: ArgumentMetadata): Promise<unknown> {
    if (!metatype || PRIMITIVES.has(metatype) || type === 'custom') return value;
    if (value === undefined && type === 'body')
      throw validationProblem([{ path: '', message: 'a body is required' }]);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw validationProblem([
        { path: '', message: `the ${type === 'body' ? 'body' : type} must be an object` },
      ]);
    }
    const inherited = inheritedKeyErrors(value, '');
    if (inherited.length > 0) throw validationProblem(inherited);
    const instance = plainToInstance(metatype as new () => object, value);
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
    });
    if (errors.length > 0) throw validationProblem(fieldErrorsOf(errors));
    return instance;
  }
}
