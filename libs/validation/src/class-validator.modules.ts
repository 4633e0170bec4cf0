import type * as ClassValidator from 'class-validator';

// class-validator's index loads every validator it has (135 modules, with
// validator.js and libphonenumber-js's metadata): 3.4 MiB of heap in every
// process, against 0.3 MiB for the ones we use, loaded here from their own
// files. class-validator is pinned by the lockfile; class-validator.modules.spec.ts
// fails if a new version moves any of them (each must be the very object the
// index exports), and ESLint refuses imports of the index elsewhere.

type Api = typeof ClassValidator;
const from = (path: string): Partial<Api> =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(`class-validator/cjs/${path}`) as Partial<Api>;

/** One export of class-validator, from the file that defines it. */
function pick<K extends keyof Api>(path: string, name: K): Api[K] {
  const value = from(path)[name];
  if (value === undefined) throw new Error(`class-validator/cjs/${path} no longer exports ${name}`);
  return value;
}

export const ArrayMaxSize = pick('decorator/array/ArrayMaxSize', 'ArrayMaxSize');
export const IsArray = pick('decorator/typechecker/IsArray', 'IsArray');
export const IsBoolean = pick('decorator/typechecker/IsBoolean', 'IsBoolean');
export const IsDefined = pick('decorator/common/IsDefined', 'IsDefined');
export const IsIn = pick('decorator/common/IsIn', 'IsIn');
export const IsInt = pick('decorator/typechecker/IsInt', 'IsInt');
export const IsObject = pick('decorator/typechecker/IsObject', 'IsObject');
export const IsOptional = pick('decorator/common/IsOptional', 'IsOptional');
export const IsString = pick('decorator/typechecker/IsString', 'IsString');
export const IsUrl = pick('decorator/string/IsUrl', 'IsUrl');
export const IsUUID = pick('decorator/string/IsUUID', 'IsUUID');
export const isUUID = pick('decorator/string/IsUUID', 'isUUID');
export const Max = pick('decorator/number/Max', 'Max');
export const MaxLength = pick('decorator/string/MaxLength', 'MaxLength');
export const Min = pick('decorator/number/Min', 'Min');
export const MinLength = pick('decorator/string/MinLength', 'MinLength');
export const ValidateBy = pick('decorator/common/ValidateBy', 'ValidateBy');
export const ValidateIf = pick('decorator/common/ValidateIf', 'ValidateIf');
export const ValidateNested = pick('decorator/common/ValidateNested', 'ValidateNested');

// validate and validateSync are defined in the index itself, as the container's Validator.
const Validator = pick('validation/Validator', 'Validator');
const getFromContainer = pick('container', 'getFromContainer');

/** class-validator's `validate(object, options)`. */
export function validate(
  object: object,
  options?: ClassValidator.ValidatorOptions,
): Promise<ClassValidator.ValidationError[]> {
  return getFromContainer(Validator).validate(object, options);
}

/** class-validator's `validateSync(object, options)`. */
export function validateSync(
  object: object,
  options?: ClassValidator.ValidatorOptions,
): ClassValidator.ValidationError[] {
  return getFromContainer(Validator).validateSync(object, options);
}

export type {
  ValidationArguments,
  ValidationError,
  ValidationOptions,
  ValidatorOptions,
} from 'class-validator';
