// The chart's rules for what it renders, as functions returning every violation found (an
// empty list passes), so one failing test names all offending objects at once.
import {
  type Container,
  type K8sObject,
  type PodSpec,
  type SecurityContext,
  describeObject,
  podSpecOf,
} from './helm';

export const STANDARD_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/component',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by',
  'helm.sh/chart',
] as const;

/** Environment variables that carry secrets: they must come from a Secret. */
export const SECRET_ENV_NAMES = ['DATASTORE_URL', 'API_TOKENS', 'MONGODB_ROOT_PASSWORD', 'ES_HTTP_PASSWD'];

/**
 * The one component allowed to deviate, and exactly how: the Fluent Bit DaemonSet reads the
 * root-owned log files of the node (root, DAC_READ_SEARCH) and pod metadata from the API
 * (a mounted token). Everything else about it must follow the rules.
 */
export const LOG_COLLECTOR_COMPONENT = 'logs';
export const LOG_COLLECTOR_CAPABILITIES = ['DAC_READ_SEARCH'];

/** Kinds whose containers run to completion: probes make no sense there. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob', 'Pod']);

const componentOf = (object: K8sObject): string | undefined =>
  object.metadata.labels?.['app.kubernetes.io/component'];

export function labelViolations(objects: readonly K8sObject[]): string[] {
  const violations: string[] = [];
  for (const object of objects) {
    const labels = object.metadata.labels ?? {};
    for (const label of STANDARD_LABELS) {
      if (!labels[label]) violations.push(`${describeObject(object)}: no ${label} label`);
    }
  }
  return violations;
}

function allContainers(spec: PodSpec): { container: Container; init: boolean }[] {
  return [
    ...(spec.initContainers ?? []).map((container) => ({ container, init: true })),
    ...spec.containers.map((container) => ({ container, init: false })),
  ];
}

/** A container's effective security settings: its own, falling back to the pod's. */
function effective(spec: PodSpec, container: Container): SecurityContext {
  return { ...(spec.securityContext ?? {}), ...(container.securityContext ?? {}) };
}

export function podViolations(objects: readonly K8sObject[]): string[] {
  const violations: string[] = [];
  for (const object of objects) {
    const spec = podSpecOf(object);
    if (!spec) continue;
    const where = describeObject(object);
    const collector = componentOf(object) === LOG_COLLECTOR_COMPONENT && object.kind === 'DaemonSet';

    if (collector) {
      if (spec.automountServiceAccountToken !== true) {
        violations.push(`${where}: the log collector needs its token (automountServiceAccountToken: true)`);
      }
    } else if (spec.automountServiceAccountToken !== false) {
      violations.push(`${where}: automountServiceAccountToken must be false`);
    }
    if (spec.hostNetwork || spec.hostPID || spec.hostIPC) violations.push(`${where}: host namespaces`);
    for (const volume of spec.volumes ?? []) {
      if (volume.hostPath && !collector) violations.push(`${where}: hostPath volume ${volume.name}`);
    }

    for (const { container, init } of allContainers(spec)) {
      const at = `${where} ${init ? 'initContainer' : 'container'} ${container.name}`;
      for (const kind of ['requests', 'limits'] as const) {
        const list = container.resources?.[kind] ?? {};
        for (const resource of ['cpu', 'memory']) {
          if (list[resource] === undefined) violations.push(`${at}: no resources.${kind}.${resource}`);
        }
      }
      if (!init && !RUN_TO_COMPLETION.has(object.kind)) {
        if (!container.livenessProbe) violations.push(`${at}: no livenessProbe`);
        if (!container.readinessProbe) violations.push(`${at}: no readinessProbe`);
      }

      const security = effective(spec, container);
      if (security.readOnlyRootFilesystem !== true)
        violations.push(`${at}: readOnlyRootFilesystem must be true`);
      if (security.allowPrivilegeEscalation !== false) {
        violations.push(`${at}: allowPrivilegeEscalation must be false`);
      }
      if (security.privileged === true) violations.push(`${at}: privileged`);
      if (!(security.capabilities?.drop ?? []).includes('ALL'))
        violations.push(`${at}: capabilities.drop lacks ALL`);
      if (security.seccompProfile?.type !== 'RuntimeDefault')
        violations.push(`${at}: seccompProfile is not RuntimeDefault`);

      const added = security.capabilities?.add ?? [];
      if (collector) {
        if (JSON.stringify(added) !== JSON.stringify(LOG_COLLECTOR_CAPABILITIES)) {
          violations.push(`${at}: capabilities.add must be exactly ${LOG_COLLECTOR_CAPABILITIES.join(',')}`);
        }
      } else {
        if (added.length > 0) violations.push(`${at}: capabilities.add ${added.join(',')}`);
        if (security.runAsNonRoot !== true) violations.push(`${at}: runAsNonRoot must be true`);
        if (security.runAsUser === undefined || security.runAsUser === 0) {
          violations.push(`${at}: runAsUser must be set and non-zero`);
        }
      }
    }
  }
  return violations;
}

/**
 * Secrets reach containers only through secretKeyRef: no secret-named variable has a plain
 * value, and no value of any rendered Secret appears in an env value or a ConfigMap.
 */
export function secretViolations(objects: readonly K8sObject[]): string[] {
  const violations: string[] = [];
  const secretValues = objects
    .filter((object) => object.kind === 'Secret')
    .flatMap((secret) => Object.values((secret.data ?? {}) as Record<string, string>))
    .map((value) => Buffer.from(value, 'base64').toString('utf8'))
    .filter((value) => value.length >= 8);

  for (const object of objects) {
    const spec = podSpecOf(object);
    if (spec) {
      for (const { container } of allContainers(spec)) {
        for (const variable of container.env ?? []) {
          const at = `${describeObject(object)} container ${container.name} env ${variable.name}`;
          if (SECRET_ENV_NAMES.includes(variable.name)) {
            if (variable.value !== undefined) violations.push(`${at}: a plain value`);
            if (!variable.valueFrom?.secretKeyRef) violations.push(`${at}: not from a secretKeyRef`);
          }
          if (
            variable.value !== undefined &&
            secretValues.some((secret) => variable.value!.includes(secret))
          ) {
            violations.push(`${at}: contains a Secret's value`);
          }
        }
      }
    }
    if (object.kind === 'ConfigMap') {
      const text = JSON.stringify(object.data ?? {});
      if (secretValues.some((secret) => text.includes(secret))) {
        violations.push(`${describeObject(object)}: contains a Secret's value`);
      }
    }
  }
  return violations;
}

export function serviceAccountViolations(objects: readonly K8sObject[]): string[] {
  return objects
    .filter((object) => object.kind === 'ServiceAccount' && componentOf(object) !== LOG_COLLECTOR_COMPONENT)
    .filter((account) => account.automountServiceAccountToken !== false)
    .map((account) => `${describeObject(account)}: automountServiceAccountToken must be false`);
}

export const allViolations = (objects: readonly K8sObject[]): string[] => [
  ...labelViolations(objects),
  ...podViolations(objects),
  ...secretViolations(objects),
  ...serviceAccountViolations(objects),
];
