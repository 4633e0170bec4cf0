import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsDefined, ValidateNested } from '@pets/validation';

/** How one environment variable becomes a typed value before validation. */
export type EnvParser = (raw: string) => unknown;

export interface EnvBinding {
  property: string;
  variable: string;
  parse: EnvParser;
}

export interface SectionBinding {
  property: string;
  section: () => new () => object;
}

// Bindings are kept per class (not per instance) and read once per load; a
// WeakMap keeps them off the prototype chain that class-transformer walks.
const envBindings = new WeakMap<object, EnvBinding[]>();
const sectionBindings = new WeakMap<object, SectionBinding[]>();

function pushBinding<T>(store: WeakMap<object, T[]>, target: object, binding: T): void {
  const list = store.get(target) ?? [];
  list.push(binding);
  store.set(target, list);
}

/**
 * Binds a setting to an environment variable. `parse` turns the raw string
 * into the value class-validator then checks; a parser that cannot make sense
 * of the text returns it unchanged so the validator names the problem.
 */
export function Env(variable: string, parse: EnvParser = (raw) => raw): PropertyDecorator {
  return (target, property) => {
    pushBinding(envBindings, target.constructor, { property: String(property), variable, parse });
  };
}

/** Declares a nested group of settings, validated as part of its parent. */
export function Section(section: () => new () => object): PropertyDecorator {
  return (target, property) => {
    pushBinding(sectionBindings, target.constructor, { property: String(property), section });
    IsDefined()(target, property);
    ValidateNested()(target, property);
    Type(section)(target, property);
  };
}

const secretProperties = new WeakMap<object, Set<string>>();

/** Marks a setting whose value must never be echoed (tokens, URLs with passwords). */
export function Secret(): PropertyDecorator {
  return (target, property) => {
    const set = secretProperties.get(target.constructor) ?? new Set<string>();
    set.add(String(property));
    secretProperties.set(target.constructor, set);
  };
}

export function isSecret(settingsClass: object, property: string): boolean {
  return secretProperties.get(settingsClass)?.has(property) ?? false;
}

export function envBindingsOf(settingsClass: object): readonly EnvBinding[] {
  return envBindings.get(settingsClass) ?? [];
}

export function sectionBindingsOf(settingsClass: object): readonly SectionBinding[] {
  return sectionBindings.get(settingsClass) ?? [];
}
