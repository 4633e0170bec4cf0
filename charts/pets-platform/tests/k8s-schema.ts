// Offline validation of rendered objects against the Kubernetes OpenAPI schemas compiled
// into kubernetes-models (one model class per apiVersion and kind). Types, enums and
// required fields are checked; unknown fields are not (the schemas allow extra properties).
import { type K8sObject, describeObject } from './helm';

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

/**
 * Kinds that kubernetes-models has no class for but that the chart may render, each with
 * why it is acceptable to skip. Empty: every kind the chart renders is validated, and an
 * unknown kind fails the check rather than passing unseen.
 */
export const UNVALIDATED_KINDS: Readonly<Record<string, string>> = {};

const cache = new Map<string, Promise<ModelClass | undefined>>();

async function modelClass(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  // Core objects live under "kubernetes-models/v1/<Kind>", the others under
  // "kubernetes-models/<group>/<version>/<Kind>": exactly the apiVersion.
  const key = `${apiVersion}/${kind}`;
  if (!cache.has(key)) {
    cache.set(
      key,
      import(`kubernetes-models/${apiVersion}/${kind}`).then(
        (module: Record<string, ModelClass | undefined>) => module[kind],
        () => undefined,
      ),
    );
  }
  return cache.get(key)!;
}

/** Every schema error of every object; throws on a kind it cannot validate. */
export async function schemaViolations(objects: readonly K8sObject[]): Promise<string[]> {
  const violations: string[] = [];
  for (const object of objects) {
    const key = `${object.apiVersion}/${object.kind}`;
    const Model = await modelClass(object.apiVersion, object.kind);
    if (!Model) {
      if (UNVALIDATED_KINDS[key]) {
        console.info(`not schema-validated: ${describeObject(object)} (${key}): ${UNVALIDATED_KINDS[key]}`);
        continue;
      }
      throw new Error(`no kubernetes-models schema for ${key} (${describeObject(object)})`);
    }
    try {
      new Model(object).validate();
    } catch (error: unknown) {
      violations.push(
        `${describeObject(object)} (${key}): ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return violations;
}
