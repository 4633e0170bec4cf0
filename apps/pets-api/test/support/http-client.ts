import { TEST_TOKEN } from './test-api';

export interface CallOptions {
  body?: unknown;
  /** Send `body` as this text instead of JSON. */
  raw?: string;
  headers?: Record<string, string>;
  /** Add the write token. */
  auth?: boolean;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
}

/** One real HTTP request to the API under test. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.auth) headers.authorization ??= `Bearer ${TEST_TOKEN}`;
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Asserts an RFC 9457 problem document with this status. */
export function expectProblem(answer: Answer, status: number): void {
  expect({ status: answer.status, type: answer.headers.get('content-type')?.split(';')[0] }).toEqual({
    status,
    type: 'application/problem+json',
  });
  expect(answer.json).toMatchObject({
    type: 'about:blank',
    status,
    title: expect.any(String),
    detail: expect.any(String),
  });
}
