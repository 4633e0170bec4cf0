import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { DatastoreUnavailableError } from '@pets/datastore';
import {
  PetNotFoundError,
  PetRulesViolatedError,
  PetVersionMismatchError,
  PetWriteConflictError,
} from '../../pets/internal/pet.errors';
import { RebuildJobNotFoundError, TagNotFoundError } from '../../tags/internal/tags.errors';
import {
  UpstreamFailedError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../upstream/internal/upstream.errors';
import { HttpProblem, type ProblemDetails } from './problem-details';

export interface MappedProblem {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** True for errors nobody anticipated: logged with their stack. */
  unexpected: boolean;
}

/**
 * The one place that decides how an error is answered. Nest routes every
 * error here through its exception filter, including those Fastify raises
 * while parsing a body and unknown routes.
 */
export function mapErrorToProblem(error: unknown, requestId: string): MappedProblem {
  const { status, detail, errors, headers, title, unexpected } = classify(error);
  return {
    problem: {
      type: 'about:blank',
      title: title ?? STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      requestId,
      ...(errors ? { errors } : {}),
    },
    headers: headers ?? {},
    unexpected,
  };
}

interface Classified {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  headers?: Record<string, string>;
  title?: string;
  unexpected: boolean;
}

function classify(error: unknown): Classified {
  if (error instanceof HttpProblem) {
    return { status: error.status, detail: error.detail, ...error.options, unexpected: false };
  }
  if (error instanceof PetRulesViolatedError) {
    return {
      status: 400,
      detail: 'The request is not valid.',
      errors: [...error.violations],
      unexpected: false,
    };
  }
  if (error instanceof PetNotFoundError)
    return { status: 404, detail: `No pet has id ${error.id}.`, unexpected: false };
  if (error instanceof TagNotFoundError) {
    return { status: 404, detail: `No pet has the tag ${error.tag}.`, unexpected: false };
  }
  if (error instanceof RebuildJobNotFoundError) {
    return { status: 404, detail: `No rebuild job has id ${error.id}.`, unexpected: false };
  }
  if (error instanceof PetVersionMismatchError) {
    return {
      status: 412,
      detail: `The pet is at version ${error.currentVersion}; If-Match names another.`,
      headers: { etag: `"${error.currentVersion}"` },
      unexpected: false,
    };
  }
  if (error instanceof PetWriteConflictError) {
    return {
      status: 409,
      detail: 'The pet kept changing while this write was applied; retry it.',
      unexpected: false,
    };
  }
  if (error instanceof UpstreamFailedError) {
    return { status: 502, detail: 'The upstream failed to answer.', unexpected: false };
  }
  if (error instanceof UpstreamTimeoutError) {
    return {
      status: 504,
      detail: `The upstream did not answer within ${error.timeoutMs} ms.`,
      unexpected: false,
    };
  }
  if (error instanceof UpstreamUnavailableError) {
    return {
      status: 503,
      detail: 'The upstream keeps failing; requests are not sent to it for now.',
      headers: { 'retry-after': String(error.retryAfterSeconds) },
      unexpected: false,
    };
  }
  if (error instanceof DatastoreUnavailableError) {
    return {
      status: 503,
      detail: 'The datastore is not available right now; retry later.',
      headers: { 'retry-after': String(error.retryAfterSeconds) },
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return { status, detail: STANDARD_DETAILS[status] ?? nestDetail(error), unexpected: status >= 500 };
  }
  // Malformed JSON (Fastify's parser), poisoned prototypes, bad YAML.
  if (error instanceof SyntaxError)
    return { status: 400, detail: `The body is not valid: ${error.message}`, unexpected: false };
  return { status: 500, detail: 'The server failed to answer this request.', unexpected: true };
}

// Fastify raises these before any handler runs; Nest hands them to the
// exception filter as HttpExceptions carrying Fastify's terse messages.
const STANDARD_DETAILS: Record<number, string> = {
  413: 'The body is larger than 64 KiB.',
  415: 'Send the body as application/json or application/yaml.',
};

function nestDetail(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
}
