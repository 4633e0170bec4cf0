// What the chart accepts and says: helm lint --strict, values.schema.json rejecting bad
// values with a message naming the key, the cross-field checks of the templates, generated
// secrets, NOTES.txt, and the README's values table.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import {
  CHART_DIR,
  CI_VALUE_FILES,
  FULLNAME,
  decodedSecretData,
  find,
  helm,
  render,
  templateArgs,
} from './helm';

const scratch = mkdtempSync(path.join(tmpdir(), 'pets-chart-values-'));

/** A values file in the scratch directory, for values the ci/ sets must not contain. */
function valuesFile(name: string, yaml: string): string {
  const file = path.join(scratch, `${name}.yaml`);
  writeFileSync(file, yaml);
  return file;
}

describe('helm lint --strict', () => {
  it.each(['(defaults)', ...CI_VALUE_FILES])('passes with %s', async (file) => {
    const args = ['lint', '--strict', CHART_DIR];
    if (file !== '(defaults)') args.push('--values', path.join(CHART_DIR, 'ci', file));
    const result = await helm(args);
    expect(result.stdout + result.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(result.stdout).not.toMatch(/\[(WARNING|ERROR)\]/);
    expect(result.code).toBe(0);
  });
});

describe('values.schema.json', () => {
  it.each([
    [
      'a string replica count',
      'api:\n  replicaCount: three\n',
      /api\.replicaCount: Invalid type\. Expected: integer, given: string/,
    ],
    ['zero replicas', 'api:\n  replicaCount: 0\n', /api\.replicaCount: Must be greater than or equal to 1/],
    [
      'a MySQL URL',
      'datastore:\n  type: external\n  external:\n    url: mysql://pets@db:3306/pets\n',
      /datastore\.external\.url: Does not match pattern/,
    ],
    ['an unknown top-level key', 'replicas: 3\n', /\(root\): Additional property replicas is not allowed/],
    ['a typo inside api', 'api:\n  replicaCont: 3\n', /api: Additional property replicaCont is not allowed/],
    [
      'an unknown datastore type',
      'datastore:\n  type: mysql\n',
      /datastore\.type: datastore\.type must be one of the following/,
    ],
    [
      'a bad pull policy',
      'api:\n  image:\n    pullPolicy: Sometimes\n',
      /api\.image\.pullPolicy: api\.image\.pullPolicy must be one of/,
    ],
    [
      'a bad ingress pathType',
      'ingress:\n  hosts:\n    - host: a.example\n      paths:\n        - path: /\n          pathType: Glob\n',
      /ingress\.hosts\.0\.paths\.0\.pathType: ingress\.hosts\.0\.paths\.0\.pathType must be one of/,
    ],
    [
      'an unquoted numeric image tag',
      'mongodb:\n  image:\n    tag: 8.0\n',
      /mongodb\.image\.tag: Invalid type\. Expected: string, given: (number|integer)/,
    ],
    [
      'an API token shorter than the API accepts',
      'secrets:\n  apiTokens: [short]\n',
      /secrets\.apiTokens\.0: String length must be greater than or equal to 8/,
    ],
    [
      'a bad log output',
      'logs:\n  output:\n    type: kafka\n',
      /logs\.output\.type: logs\.output\.type must be one of/,
    ],
    // Values files merge into the defaults: only null removes a key.
    [
      'resources without limits',
      'api:\n  resources:\n    limits: null\n',
      /api\.resources: limits is required/,
    ],
  ])('rejects %s, naming the key', async (name, yaml, message) => {
    const result = await helm(templateArgs({ valueFiles: [valuesFile(name.replace(/\W+/g, '-'), yaml)] }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });

  it('rejects the same through --set', async () => {
    const result = await helm(templateArgs({ set: ['api.replicaCount=three'] }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('api.replicaCount: Invalid type. Expected: integer, given: string');
  });
});

describe('cross-field checks of the templates', () => {
  it.each([
    [['datastore.type=external'], /datastore\.type=external needs datastore\.external\.url/],
    [
      ['mongodb.auth.existingSecret=mine'],
      /mongodb\.auth\.existingSecret: .* also set secrets\.existingSecret/,
    ],
    [['upstream.enabled=false'], /upstream\.enabled=false needs upstream\.url/],
    [['datastore.external.url=postgres://db/pets'], /datastore\.type is mongodb/],
    [
      ['api.autoscaling.enabled=true', 'api.autoscaling.maxReplicas=1'],
      /maxReplicas must be >= api\.autoscaling\.minReplicas/,
    ],
  ])('%j fails with a message naming the values', async (set, message) => {
    const result = await helm(templateArgs({ set }));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });

  it('upstream.enabled=false with upstream.url renders no nginx and points UPSTREAM_URL there', async () => {
    const objects = await render({
      set: ['upstream.enabled=false', 'upstream.url=http://nginx.bench.svc:8080/'],
    });
    expect(objects.filter((object) => object.metadata.name.endsWith('-upstream'))).toEqual([]);
    expect(find(objects, 'ConfigMap', `${FULLNAME}-api`).data).toMatchObject({
      UPSTREAM_URL: 'http://nginx.bench.svc:8080/',
    });
  });
});

describe('generated secrets', () => {
  // On `helm install/upgrade` the templates read the Secrets back with `lookup` and keep
  // their values; offline there is no cluster, lookup returns nothing, and every render
  // generates new values. That persistence can only be checked against a cluster, so here
  // we check the offline half: values are random, never the same twice.
  it('differ between two renders, and the MongoDB password matches DATASTORE_URL', async () => {
    const [first, second] = await Promise.all([render(), render()]);
    const secretsOf = (objects: Awaited<ReturnType<typeof render>>) => ({
      ...decodedSecretData(find(objects, 'Secret', FULLNAME)),
      ...decodedSecretData(find(objects, 'Secret', `${FULLNAME}-mongodb`)),
    });
    const a = secretsOf(first);
    const b = secretsOf(second);
    for (const key of ['api-tokens', 'mongodb-root-password', 'mongodb-replica-set-key', 'datastore-url']) {
      expect(a[key]).toBeTruthy();
      expect(a[key]).not.toBe(b[key]);
    }
    expect(a['datastore-url']).toContain(`:${a['mongodb-root-password']}@`);
  });

  it('take explicit tokens from values when given', async () => {
    const objects = await render({ set: ['secrets.apiTokens={token-one-1234,token-two-5678}'] });
    expect(decodedSecretData(find(objects, 'Secret', FULLNAME))['api-tokens']).toBe(
      'token-one-1234,token-two-5678',
    );
  });

  it('document the lookup-based persistence', () => {
    const template = readFileSync(path.join(CHART_DIR, 'templates/secrets.yaml'), 'utf8');
    expect(template).toContain('lookup "v1" "Secret"');
    expect(readFileSync(path.join(CHART_DIR, 'README.md'), 'utf8')).toMatch(
      /helm template.*new random values/is,
    );
  });
});

describe('NOTES.txt', () => {
  // `helm template` does not print NOTES.txt and `helm install --dry-run` needs a cluster, so
  // a copy of the chart renders the notes as a ConfigMap.
  const notesChart = path.join(scratch, 'notes-chart');
  beforeAll(() => {
    cpSync(CHART_DIR, notesChart, {
      recursive: true,
      filter: (source) => !source.includes(`${path.sep}tests`),
    });
    const notes = readFileSync(path.join(CHART_DIR, 'templates/NOTES.txt'), 'utf8');
    writeFileSync(
      path.join(notesChart, 'templates/_notes.tpl'),
      `{{- define "notes" -}}\n${notes}\n{{- end -}}\n`,
    );
    writeFileSync(
      path.join(notesChart, 'templates/notes.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  notes: |\n    {{- include "notes" . | nindent 4 }}\n',
    );
  });

  async function notes(valueFiles: string[] = []): Promise<string> {
    const result = await helm([
      ...templateArgs({ chartDir: notesChart, valueFiles }),
      '--show-only',
      'templates/notes.yaml',
    ]);
    if (result.code !== 0) throw new Error(result.stderr);
    return (parse(result.stdout) as { data: { notes: string } }).data.notes;
  }

  it('tell how to reach the API, get the token, run the benchmark and follow the logs', async () => {
    const text = await notes();
    expect(text).toContain('http://pets.local/docs');
    expect(text).toContain(`kubectl -n pets-ns port-forward svc/${FULLNAME}-api 3000:3000`);
    expect(text).toContain(`get secret ${FULLNAME} -o jsonpath='{.data.api-tokens}'`);
    expect(text).toContain('k6 run -e BASE_URL=http://pets.local k6/bench.js');
    expect(text).toContain('--set bench.enabled=true');
    expect(text).toContain(
      'kubectl -n pets-ns logs -f -l app.kubernetes.io/instance=pets --all-containers --prefix --max-log-requests 20',
    );
    expect(text).toContain(`kubectl logs -f ds/${FULLNAME}-logs`);
  });

  it('follow the value sets: TLS host, existing secret, the bench Job, the log collector', async () => {
    const [tls, existing, bench, logs] = await Promise.all([
      notes(['ci/ingress-tls-values.yaml']),
      notes(['ci/existing-secret-values.yaml']),
      notes(['ci/bench-values.yaml']),
      notes([valuesFile('notes-logs', 'logs:\n  enabled: true\n')]),
    ]);
    expect(tls).toContain('k6 run -e BASE_URL=https://pets.example.com k6/bench.js');
    expect(existing).toContain("get secret pets-secrets -o jsonpath='{.data.api-tokens}'");
    expect(bench).toContain(`logs -f job/${FULLNAME}-bench-1 -c k6`);
    expect(logs).toContain(`kubectl -n pets-ns logs -f ds/${FULLNAME}-logs`);
  });
});

describe('README values table', () => {
  const values = readFileSync(path.join(CHART_DIR, 'values.yaml'), 'utf8');
  const readme = readFileSync(path.join(CHART_DIR, 'README.md'), 'utf8');
  const documented = [...values.matchAll(/^\s*## @param (\S+) /gm)].map((match) => match[1]);

  it('lists every documented value, and every documented value exists', () => {
    const parsed = parse(values) as Record<string, unknown>;
    const missingInValues = documented.filter(
      (key) =>
        key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], parsed) ===
        undefined,
    );
    expect(missingInValues).toEqual([]);
    const rows = new Set([...readme.matchAll(/^\| `([^`]+)`\s+\|/gm)].map((match) => match[1]));
    const missingInReadme = documented.filter((key) => !rows.has(key));
    expect(missingInReadme).toEqual([]);
  });

  it('documents every top-level key of values.yaml', () => {
    const topLevel = Object.keys(parse(values) as Record<string, unknown>);
    const undocumented = topLevel.filter(
      (key) => !documented.some((d) => d === key || d.startsWith(`${key}.`)),
    );
    expect(undocumented).toEqual([]);
  });
});
