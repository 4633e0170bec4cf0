// Renders the chart offline with every value set in ci/ on the oldest and a current
// Kubernetes version, then checks what comes out: Kubernetes schemas, the chart's policy
// (resources, probes, security contexts, secrets, labels), the defaults, and the API
// versions chosen from the cluster's capabilities.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CI_VALUE_FILES,
  type Container,
  FULLNAME,
  type K8sObject,
  KUBE_VERSIONS,
  NAMESPACE,
  REPO_ROOT,
  decodedSecretData,
  describeObject,
  find,
  podSpecOf,
  render,
} from './helm';
import { schemaViolations } from './k8s-schema';
import { allViolations } from './policy';

const cases = CI_VALUE_FILES.flatMap((file) => KUBE_VERSIONS.map((kubeVersion) => ({ file, kubeVersion })));
const renders = new Map<string, K8sObject[]>();
const keyOf = (file: string, kubeVersion: string): string => `${file}@${kubeVersion}`;
const rendered = (file: string, kubeVersion: string = '1.29.0'): K8sObject[] => {
  const objects = renders.get(keyOf(file, kubeVersion));
  if (!objects) throw new Error(`ci/${file} on ${kubeVersion} was not rendered`);
  return objects;
};

beforeAll(async () => {
  // Helm runs in parallel: each render is a separate process of ~100 ms.
  const results = await Promise.all(
    cases.map(async ({ file, kubeVersion }) => {
      const objects = await render({ valueFiles: [`ci/${file}`], kubeVersion });
      return [keyOf(file, kubeVersion), objects] as const;
    }),
  );
  for (const [key, objects] of results) renders.set(key, objects);
});

const container = (object: K8sObject, name: string): Container => {
  const spec = podSpecOf(object)!;
  const found = [...(spec.initContainers ?? []), ...spec.containers].find((c) => c.name === name);
  if (!found) throw new Error(`${describeObject(object)} has no container ${name}`);
  return found;
};

const envOf = (c: Container, name: string) => c.env?.find((variable) => variable.name === name);

describe.each(cases)('ci/$file on Kubernetes $kubeVersion', ({ file, kubeVersion }) => {
  it('renders only objects that pass the Kubernetes JSON schemas', async () => {
    const objects = rendered(file, kubeVersion);
    expect(objects.length).toBeGreaterThan(0);
    expect(await schemaViolations(objects)).toEqual([]);
  });

  it('follows the chart policy: resources, probes, security contexts, secrets, tokens, labels', () => {
    expect(allViolations(rendered(file, kubeVersion))).toEqual([]);
  });
});

describe('the default values (Kubernetes 1.29)', () => {
  const objects = (): K8sObject[] => rendered('default-values.yaml');

  it('render the whole platform', () => {
    const names = objects().map(describeObject).sort();
    expect(names).toEqual(
      [
        `ConfigMap/${FULLNAME}-api`,
        `ConfigMap/${FULLNAME}-mongodb-scripts`,
        `ConfigMap/${FULLNAME}-upstream`,
        `ConfigMap/${FULLNAME}-worker`,
        `Deployment/${FULLNAME}-api`,
        `Deployment/${FULLNAME}-upstream`,
        `Deployment/${FULLNAME}-worker`,
        `Ingress/${FULLNAME}-api`,
        `Pod/${FULLNAME}-test`,
        `PodDisruptionBudget/${FULLNAME}-api`,
        `PodDisruptionBudget/${FULLNAME}-worker`,
        `Secret/${FULLNAME}`,
        `Secret/${FULLNAME}-mongodb`,
        `Service/${FULLNAME}-api`,
        `Service/${FULLNAME}-mongodb-headless`,
        `Service/${FULLNAME}-upstream`,
        `Service/${FULLNAME}-worker-metrics`,
        `ServiceAccount/${FULLNAME}`,
        `StatefulSet/${FULLNAME}-mongodb`,
      ].sort(),
    );
  });

  it('run two workers (one holds the lease, one stands by) and two API pods', () => {
    expect(find(objects(), 'Deployment', `${FULLNAME}-worker`).spec).toMatchObject({ replicas: 2 });
    expect(find(objects(), 'Deployment', `${FULLNAME}-api`).spec).toMatchObject({ replicas: 2 });
  });

  it('expose the API through an Ingress on the placeholder host, with the default class', () => {
    const ingress = find(objects(), 'Ingress', `${FULLNAME}-api`);
    const spec = ingress.spec as { ingressClassName?: string; rules: { host: string }[] };
    expect(spec.ingressClassName).toBeUndefined();
    expect(spec.rules.map((rule) => rule.host)).toEqual(['pets.local']);
  });

  it('build DATASTORE_URL for the in-chart replica set from the generated root password', () => {
    const app = decodedSecretData(find(objects(), 'Secret', FULLNAME));
    const mongodb = decodedSecretData(find(objects(), 'Secret', `${FULLNAME}-mongodb`));
    const password = mongodb['mongodb-root-password'];
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(app['datastore-url']).toBe(
      `mongodb://root:${password}@${FULLNAME}-mongodb-0.${FULLNAME}-mongodb-headless.${NAMESPACE}` +
        `.svc.cluster.local:27017/pets?replicaSet=rs0&authSource=admin`,
    );
    expect(app['api-tokens']).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(mongodb['mongodb-replica-set-key']).toMatch(/^[A-Za-z0-9]{756}$/);
  });

  it('give the API and the worker their secrets from secretKeyRefs and POD_NAME from the downward API', () => {
    const api = container(find(objects(), 'Deployment', `${FULLNAME}-api`), 'api');
    const worker = container(find(objects(), 'Deployment', `${FULLNAME}-worker`), 'worker');
    for (const c of [api, worker]) {
      expect(envOf(c, 'DATASTORE_URL')?.valueFrom).toEqual({
        secretKeyRef: { name: FULLNAME, key: 'datastore-url' },
      });
      expect(envOf(c, 'POD_NAME')?.valueFrom).toEqual({ fieldRef: { fieldPath: 'metadata.name' } });
    }
    expect(envOf(api, 'API_TOKENS')?.valueFrom).toEqual({
      secretKeyRef: { name: FULLNAME, key: 'api-tokens' },
    });
    expect(envOf(worker, 'API_TOKENS')).toBeUndefined();
  });

  it('configure the API for Kubernetes: one process per pod, the in-chart upstream', () => {
    const data = find(objects(), 'ConfigMap', `${FULLNAME}-api`).data as Record<string, string>;
    expect(data).toMatchObject({
      PORT: '3000',
      API_WORKERS: '1',
      UPSTREAM_URL: `http://${FULLNAME}-upstream:8080/`,
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
    });
    const worker = find(objects(), 'ConfigMap', `${FULLNAME}-worker`).data as Record<string, string>;
    expect(worker).toMatchObject({ WORKER_METRICS_PORT: '9464', LOCK_LEASE_MS: '10000' });
    expect(worker.PORT).toBeUndefined();
  });

  it('probe the real endpoints', () => {
    const api = container(find(objects(), 'Deployment', `${FULLNAME}-api`), 'api');
    expect(api.livenessProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http' } });
    expect(api.readinessProbe).toMatchObject({ httpGet: { path: '/readyz', port: 'http' } });
    expect(api.startupProbe).toMatchObject({ httpGet: { path: '/healthz', port: 'http' } });
    expect(api.lifecycle).toEqual({ preStop: { exec: { command: ['sleep', '5'] } } });
    const worker = container(find(objects(), 'Deployment', `${FULLNAME}-worker`), 'worker');
    expect(worker.readinessProbe).toMatchObject({ httpGet: { path: '/readyz', port: 'metrics' } });
    const mongodb = container(find(objects(), 'StatefulSet', `${FULLNAME}-mongodb`), 'mongodb');
    expect(mongodb.livenessProbe).toMatchObject({
      exec: { command: ['mongosh', '--quiet', '--port', '27017', '--eval', 'db.adminCommand("ping")'] },
    });
  });

  it('serve nginx stock page byte for byte from the upstream ConfigMap', () => {
    const data = find(objects(), 'ConfigMap', `${FULLNAME}-upstream`).data as Record<string, string>;
    const page = readFileSync(path.join(REPO_ROOT, 'docker/nginx/index.html'), 'utf8');
    expect(Buffer.byteLength(data['index.html'])).toBe(615);
    expect(data['index.html']).toBe(page);
    expect(data['nginx.conf']).toBe(readFileSync(path.join(REPO_ROOT, 'docker/nginx/upstream.conf'), 'utf8'));
  });

  it('keep MongoDB data in a claim and the key file out of reach of other users', () => {
    const statefulSet = find(objects(), 'StatefulSet', `${FULLNAME}-mongodb`);
    const spec = statefulSet.spec as {
      serviceName: string;
      volumeClaimTemplates: {
        metadata: { name: string };
        spec: { resources: { requests: { storage: string } } };
      }[];
    };
    expect(spec.serviceName).toBe(`${FULLNAME}-mongodb-headless`);
    expect(spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('8Gi');
    expect(podSpecOf(statefulSet)!.securityContext).toMatchObject({ runAsUser: 999, fsGroup: 999 });
    const headless = find(objects(), 'Service', `${FULLNAME}-mongodb-headless`).spec;
    expect(headless).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
  });

  it('include a helm test pod that runs once with the API image and a token from the Secret', () => {
    const pod = find(objects(), 'Pod', `${FULLNAME}-test`);
    expect(pod.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'test' });
    expect(pod.spec).toMatchObject({ restartPolicy: 'Never' });
    const smoke = container(pod, 'smoke');
    expect(smoke.image).toBe('pets-platform/pets-api:0.1.0');
    expect(envOf(smoke, 'API_TOKENS')?.valueFrom).toEqual({
      secretKeyRef: { name: FULLNAME, key: 'api-tokens' },
    });
  });
});

describe('the value sets in ci/', () => {
  it('external PostgreSQL: no MongoDB, DATASTORE_URL from the chart Secret', () => {
    const objects = rendered('external-postgres-values.yaml');
    expect(objects.filter((object) => /mongodb/.test(object.metadata.name))).toEqual([]);
    expect(decodedSecretData(find(objects, 'Secret', FULLNAME))['datastore-url']).toMatch(/^postgres:\/\//);
  });

  it('existing secrets: the chart generates none and points at the named Secrets', () => {
    const objects = rendered('existing-secret-values.yaml');
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
    const api = container(find(objects, 'Deployment', `${FULLNAME}-api`), 'api');
    expect(envOf(api, 'API_TOKENS')?.valueFrom).toEqual({
      secretKeyRef: { name: 'pets-secrets', key: 'api-tokens' },
    });
    expect(envOf(api, 'DATASTORE_URL')?.valueFrom).toEqual({
      secretKeyRef: { name: 'pets-secrets', key: 'datastore-url' },
    });
    const setup = container(find(objects, 'StatefulSet', `${FULLNAME}-mongodb`), 'setup');
    expect(envOf(setup, 'MONGODB_ROOT_PASSWORD')?.valueFrom).toEqual({
      secretKeyRef: { name: 'pets-mongodb', key: 'mongodb-root-password' },
    });
  });

  it('ingress with TLS: class, annotations and the TLS section', () => {
    const spec = find(rendered('ingress-tls-values.yaml'), 'Ingress', `${FULLNAME}-api`).spec;
    expect(spec).toMatchObject({
      ingressClassName: 'nginx',
      tls: [{ secretName: 'pets-example-com-tls', hosts: ['pets.example.com'] }],
      rules: [{ host: 'pets.example.com' }],
    });
  });

  it('bench: a k6 Job against the API Service, scripts from the chart, writable working directory', () => {
    const objects = rendered('bench-values.yaml');
    const job = find(objects, 'Job', `${FULLNAME}-bench-1`);
    expect(job.spec).toMatchObject({ backoffLimit: 0, ttlSecondsAfterFinished: 3600 });
    const k6 = container(job, 'k6');
    expect(k6.command).toEqual(['k6', 'run', '--no-usage-report', '/scripts/bench.js']);
    expect(k6.workingDir).toBe('/work');
    expect(envOf(k6, 'BASE_URL')?.value).toBe(`http://${FULLNAME}-api:3000`);
    expect(envOf(k6, 'P99_MS')?.value).toBe('250');
    const scripts = find(objects, 'ConfigMap', `${FULLNAME}-bench-scripts`).data as Record<string, string>;
    expect(Object.keys(scripts)).toContain('bench.js');
    expect(scripts['bench.js']).toBe(
      readFileSync(path.join(REPO_ROOT, 'charts/pets-platform/files/k6/bench.js'), 'utf8'),
    );
  });

  it('logs: a Fluent Bit DaemonSet with RBAC, tailing only this release, output to Loki', () => {
    const objects = rendered('logs-values.yaml');
    find(objects, 'DaemonSet', `${FULLNAME}-logs`);
    find(objects, 'ClusterRole', `${NAMESPACE}-${FULLNAME}-logs`);
    find(objects, 'ClusterRoleBinding', `${NAMESPACE}-${FULLNAME}-logs`);
    const config = (find(objects, 'ConfigMap', `${FULLNAME}-logs`).data as Record<string, string>)[
      'fluent-bit.conf'
    ];
    expect(config).toContain(`Path              /var/log/containers/${FULLNAME}-*_${NAMESPACE}_*.log`);
    expect(config).toContain(`Exclude_Path      /var/log/containers/${FULLNAME}-logs-*`);
    expect(config).toMatch(/Name\s+loki/);
    expect(config).toMatch(/Tenant_ID\s+pets/);
  });

  it('network policies: one per component, DNS egress, only the ingress controller reaches the API', () => {
    const policies = rendered('networkpolicy-values.yaml').filter(
      (object) => object.kind === 'NetworkPolicy',
    );
    expect(policies.map((policy) => policy.metadata.name).sort()).toEqual(
      ['api', 'bench', 'logs', 'mongodb', 'test', 'upstream', 'worker'].map((c) => `${FULLNAME}-${c}`).sort(),
    );
    const api = find(policies, 'NetworkPolicy', `${FULLNAME}-api`).spec as {
      ingress: { from: Record<string, unknown>[] }[];
    };
    expect(api.ingress[0].from[0]).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } },
    });
  });
});

describe('API versions follow the cluster', () => {
  const apiVersionOf = (objects: K8sObject[], kind: string): string | undefined =>
    objects.find((object) => object.kind === kind)?.apiVersion;

  it('Kubernetes 1.20: policy/v1beta1 and autoscaling/v2beta2', () => {
    const objects = rendered('hpa-values.yaml', '1.20.0');
    expect(apiVersionOf(objects, 'PodDisruptionBudget')).toBe('policy/v1beta1');
    expect(apiVersionOf(objects, 'HorizontalPodAutoscaler')).toBe('autoscaling/v2beta2');
  });

  it('Kubernetes 1.29: policy/v1 and autoscaling/v2', () => {
    const objects = rendered('hpa-values.yaml', '1.29.0');
    expect(apiVersionOf(objects, 'PodDisruptionBudget')).toBe('policy/v1');
    expect(apiVersionOf(objects, 'HorizontalPodAutoscaler')).toBe('autoscaling/v2');
  });

  it('Kubernetes 1.23: autoscaling/v2 only when the cluster lists it', async () => {
    const [unlisted, listed] = await Promise.all([
      render({ valueFiles: ['ci/hpa-values.yaml'], kubeVersion: '1.23.0' }),
      render({
        valueFiles: ['ci/hpa-values.yaml'],
        kubeVersion: '1.23.0',
        apiVersions: ['autoscaling/v2/HorizontalPodAutoscaler'],
      }),
    ]);
    expect(apiVersionOf(unlisted, 'HorizontalPodAutoscaler')).toBe('autoscaling/v2beta2');
    expect(apiVersionOf(listed, 'HorizontalPodAutoscaler')).toBe('autoscaling/v2');
    expect(apiVersionOf(listed, 'PodDisruptionBudget')).toBe('policy/v1');
  });
});
