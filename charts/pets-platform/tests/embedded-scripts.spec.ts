// Programs that live inside the manifests: MongoDB's setup script (bash and mongosh) and the
// node programs of the helm test pod and of the bench Job's wait. There is no mongod here,
// so the setup script is only checked for syntax; the node programs run for real against a
// fake API that speaks the application contract.
import { spawn, spawnSync } from 'node:child_process';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Script } from 'node:vm';
import { type Container, FULLNAME, type K8sObject, find, podSpecOf, render } from './helm';

let objects: K8sObject[] = [];
beforeAll(async () => {
  objects = await render({ valueFiles: ['ci/bench-values.yaml'] });
});

const nodeProgram = (kind: string, name: string, containerName: string): string => {
  const spec = podSpecOf(find(objects, kind, name))!;
  const container = [...(spec.initContainers ?? []), ...spec.containers].find(
    (c: Container) => c.name === containerName,
  )!;
  expect(container.command?.slice(0, 2)).toEqual(['node', '-e']);
  return container.command![2];
};

describe('MongoDB setup.sh', () => {
  const setup = (): string =>
    (find(objects, 'ConfigMap', `${FULLNAME}-mongodb-scripts`).data as Record<string, string>)['setup.sh'];

  it('is valid bash', () => {
    const bash = spawnSync('bash', ['-n'], { input: setup(), encoding: 'utf8' });
    expect(bash.stderr).toBe('');
    expect(bash.status).toBe(0);
  });

  it('passes mongosh a valid program that initiates the set and creates the root user', () => {
    const program = /--eval '\n([\s\S]*?)' \|\| fail/.exec(setup())?.[1];
    expect(program).toContain('rs.initiate');
    expect(program).toContain('createUser');
    expect(() => new Script(program!)).not.toThrow();
  });
});

interface FakeApi {
  baseUrl: string;
  requests: string[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** The contract's pets endpoints, in memory; `override` replaces chosen answers. */
async function fakeApi(token: string, override: (path: string) => Handler | undefined = () => undefined) {
  const pets = new Map<string, unknown>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const route = `${req.method} ${req.url}`;
      requests.push(route);
      const send = (status: number, json?: unknown, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(json === undefined ? undefined : JSON.stringify(json));
      };
      const custom = override(route);
      if (custom) return custom(req, res, body);
      const authorised = req.headers.authorization === `Bearer ${token}`;
      const id = /^\/v1\/pets\/([^/]+)$/.exec(req.url ?? '')?.[1];
      if (route === 'GET /readyz') return send(200, { status: 'ok' });
      if (route === 'POST /v1/pets') {
        if (!authorised) return send(401, { message: 'unauthorised' });
        const newId = String(pets.size + 1);
        pets.set(newId, { id: newId, ...(JSON.parse(body) as object) });
        return send(201, { id: newId }, { location: `/v1/pets/${newId}` });
      }
      if (id && req.method === 'GET') return pets.has(id) ? send(200, pets.get(id)) : send(404, {});
      if (id && req.method === 'DELETE') {
        if (!authorised) return send(401, {});
        return pets.delete(id) ? send(204) : send(404, {});
      }
      return send(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  } satisfies FakeApi;
}

function runNode(
  program: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', program], { env: { PATH: process.env.PATH, ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('the helm test pod', () => {
  const program = (): string => nodeProgram('Pod', `${FULLNAME}-test`, 'smoke');

  it('passes a create-read-delete round trip with the first token of API_TOKENS', async () => {
    const api = await fakeApi('token-1');
    try {
      const result = await runNode(program(), { BASE_URL: api.baseUrl, API_TOKENS: 'token-1, token-2' });
      expect(result.output).toContain('create-read-delete round trip passed');
      expect(result.code).toBe(0);
      expect(api.requests).toEqual([
        'GET /readyz',
        'POST /v1/pets',
        'GET /v1/pets/1',
        'DELETE /v1/pets/1',
        'GET /v1/pets/1',
      ]);
    } finally {
      await api.close();
    }
  });

  it('fails, saying why, when a step answers wrongly', async () => {
    const api = await fakeApi('token-1', (route) =>
      route.startsWith('DELETE') ? (_req, res) => res.writeHead(500).end('boom') : undefined,
    );
    try {
      const result = await runNode(program(), { BASE_URL: api.baseUrl, API_TOKENS: 'token-1' });
      expect(result.code).toBe(1);
      expect(result.output).toContain('DELETE /v1/pets/1: 500, want 204: boom');
    } finally {
      await api.close();
    }
  });
});

describe("the bench Job's wait for the API", () => {
  it('waits while /readyz answers 503, then exits 0', async () => {
    let calls = 0;
    const api = await fakeApi('unused', (route) =>
      route === 'GET /readyz' ? (_req, res) => res.writeHead(++calls === 1 ? 503 : 200).end() : undefined,
    );
    try {
      const program = nodeProgram('Job', `${FULLNAME}-bench-1`, 'wait-for-api');
      const result = await runNode(program, { BASE_URL: api.baseUrl });
      expect(result.code).toBe(0);
      expect(result.output).toContain('"status":503');
      expect(result.output).toContain('api ready');
    } finally {
      await api.close();
    }
  });
});
