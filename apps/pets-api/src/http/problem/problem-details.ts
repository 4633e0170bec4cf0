/** One failing field of a request: where (`tags[3]`, `location.name`, `limit`) and why. */
export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem document, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request id, to find the request in the logs. */
  requestId?: string;
  /** For 400: one entry per failing field. */
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/**
 * An error that already knows its HTTP answer. Anything the consumer layer
 * rejects is thrown as one of these; domain and datastore errors are mapped
 * to one in `problem.mapper.ts`.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly options: { errors?: FieldError[]; headers?: Record<string, string>; title?: string } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

/** A 400 listing every failing field. */
export function validationProblem(errors: FieldError[], detail = 'The request is not valid.'): HttpProblem {
  return new HttpProblem(400, detail, { errors });
}
