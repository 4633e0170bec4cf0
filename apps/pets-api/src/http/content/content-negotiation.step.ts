import type { FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import type { HttpStep } from '../pipeline/http-step';
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
 * YAML for application/yaml. Decided as the request arrives (a request we
 * cannot answer gets its 406 before anything runs or changes), applied as the
 * response is sent.
 */
export const contentNegotiationStep: HttpStep = {
  onRequest(request, reply) {
    if (!NEGOTIATED.test(request.url)) return;
    void reply.header('vary', 'Accept');
    (request as NegotiatedRequest)[wantsYamlKey] = wantsYaml(request.headers.accept);
  },
  onSend(request, reply, payload) {
    if (
      !(request as NegotiatedRequest)[wantsYamlKey] ||
      typeof payload !== 'string' ||
      reply.statusCode >= 300
    ) {
      return payload;
    }
    void reply.type(YAML_TYPE);
    return toYaml(JSON.parse(payload));
  },
};

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
