import type { FastifyInstance, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { HttpProblem } from '../problem/problem-details';
import { toYaml } from './yaml.codec';

const JSON_TYPE = 'application/json';
const YAML_TYPE = 'application/yaml';
const OFFERED = [JSON_TYPE, YAML_TYPE, 'application/x-yaml', 'text/yaml'];

/** The API's resources (both versions); operations endpoints (/metrics, /docs, probes) are not negotiated. */
const NEGOTIATED = /^\/v\d+\//;

const wantsYamlKey = Symbol('wantsYaml');
type NegotiatedRequest = FastifyRequest & { [wantsYamlKey]?: boolean };

/**
 * Answers in the representation the caller's Accept asks for: JSON by default,
 * YAML for application/yaml. Decided before the handler runs (a request we
 * cannot answer gets its 406 without changing anything), applied as the
 * response is sent. Plain Fastify hooks: no per-request wrappers on the path
 * every request takes.
 */
export function registerContentNegotiation(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (request, reply, done) => {
    if (!NEGOTIATED.test(request.url)) return done();
    void reply.header('vary', 'Accept');
    try {
      (request as NegotiatedRequest)[wantsYamlKey] = wantsYaml(request.headers.accept);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (
      !(request as NegotiatedRequest)[wantsYamlKey] ||
      typeof payload !== 'string' ||
      reply.statusCode >= 300
    ) {
      return done(null, payload);
    }
    void reply.type(YAML_TYPE);
    done(null, toYaml(JSON.parse(payload)));
  });
}

/** True for YAML, false for JSON; throws 406 when Accept allows neither. */
export function wantsYaml(accept: string | undefined): boolean {
  // The common cases, without parsing: no header, anything, or JSON.
  if (accept === undefined || accept === '' || accept === '*/*' || accept === JSON_TYPE) return false;
  const chosen = new Negotiator({ headers: { accept } }).mediaType(OFFERED);
  if (!chosen) {
    throw new HttpProblem(
      406,
      `This resource is available as ${JSON_TYPE} or ${YAML_TYPE}; Accept allows neither.`,
    );
  }
  return chosen !== JSON_TYPE;
}
