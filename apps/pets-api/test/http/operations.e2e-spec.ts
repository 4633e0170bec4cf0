import { validate } from '@readme/openapi-parser';
import { parse as parseYaml } from 'yaml';
import { call } from '../support/http-client';
import { startTestApi, type TestApi } from '../support/test-api';

describe('operations: health, readiness, metrics, OpenAPI', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('GET /healthz is 200', async () => {
    const answer = await call(api.url, 'GET', '/healthz');
    expect({ status: answer.status, body: answer.json }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('GET /readyz is 200 when the datastore answers', async () => {
    const answer = await call(api.url, 'GET', '/readyz');
    expect({ status: answer.status, body: answer.json }).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('GET /metrics has requests by route and status, a latency histogram and process metrics', async () => {
    await call(api.url, 'GET', '/v1/pets?limit=1');
    await call(api.url, 'GET', '/v1/pets/not-a-uuid');
    const answer = await call(api.url, 'GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(answer.text).toMatch(/http_requests_total\{method="GET",route="\/v1\/pets",status="200"\} [1-9]/);
    expect(answer.text).toMatch(
      /http_requests_total\{method="GET",route="\/v1\/pets\/:id",status="400"\} [1-9]/,
    );
    expect(answer.text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/v1\/pets",status="200"\}/,
    );
    expect(answer.text).toContain('process_cpu_user_seconds_total');
    expect(answer.text).toContain('nodejs_eventloop_lag_seconds');
    expect(answer.text).not.toMatch(/route="\/v1\/pets\/not-a-uuid"/);
  });

  it('serves Swagger UI at /docs', async () => {
    const answer = await call(api.url, 'GET', '/docs');
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('swagger-ui');
    const asset = await call(api.url, 'GET', '/docs/swagger-ui-bundle.js');
    expect(asset.status).toBe(200);
  });

  it('serves a valid OpenAPI 3 document, as JSON and as YAML', async () => {
    const json = await call(api.url, 'GET', '/docs/openapi.json');
    const yaml = await call(api.url, 'GET', '/docs/openapi.yaml');
    expect(json.status).toBe(200);
    expect(parseYaml(yaml.text)).toEqual(json.json);
    const result = await validate(structuredClone(json.json));
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(json.json.openapi).toMatch(/^3\./);
  });

  it('documents every route of both versions, with their errors as problem documents', async () => {
    const { json: doc } = await call(api.url, 'GET', '/docs/openapi.json');
    const expected: Record<string, string[]> = {
      '/v1/pets': ['get', 'post'],
      '/v1/pets/{id}': ['get', 'patch', 'delete'],
      '/v2/pets': ['get', 'post'],
      '/v2/pets/{id}': ['get', 'patch', 'delete'],
      '/healthz': ['get'],
      '/readyz': ['get'],
    };
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(doc.paths[path] ?? {}).sort()).toEqual([...methods].sort());
    }
    const post = doc.paths['/v1/pets'].post;
    for (const status of ['201', '400', '401', '403', '406', '413', '415', '503']) {
      expect(post.responses[status]).toBeDefined();
    }
    expect(Object.keys(post.responses['400'].content)).toEqual(['application/problem+json']);
    expect(Object.keys(post.requestBody.content).sort()).toEqual(['application/json', 'application/yaml']);
    expect(doc.paths['/v2/pets/{id}'].patch.responses['412']).toBeDefined();
    expect(
      doc.paths['/v2/pets/{id}'].patch.parameters.some((p: { name: string }) => p.name === 'If-Match'),
    ).toBe(true);
    expect(doc.components.schemas.PetV1).toBeDefined();
    expect(
      doc.components.schemas.PetV2.properties.location.$ref ??
        doc.components.schemas.PetV2.properties.location.allOf,
    ).toBeDefined();
    expect(doc.components.securitySchemes.bearer).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
  });
});
