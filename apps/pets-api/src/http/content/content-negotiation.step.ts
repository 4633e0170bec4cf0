import type { FastifyReply } from 'fastify';
import Negotiator from 'negotiator';
import type { HttpStep } from '../pipeline/http-step';
import { HttpProblem } from '../problem/problem-details';
import { toYaml } from './yaml.codec';

const JSON_TYPE = 'application/json';
const YAML_TYPE = 'application/yaml';
const OFFERED = [JSON_TYPE, YAML_TYPE, 'application/x-yaml', 'text/yaml'];

/** Every negotiated answer's Vary, so caches keep the representations apart. */
export const VARY_ACCEPT = 'Accept';

/** The API's resources (both versions); operations endpoints (/metrics, /docs, probes) are not negotiated. */
const NEGOTIATED = /^\/v\d+\//;

/**
 * Answers in the representation the caller's Accept asks for: JSON by default,
 * YAML for application/yaml. Decided as the request arrives (a request we
 * cannot answer gets its 406 before anything runs or changes). A YAML answer
 * gets a serializer of its own; JSON answers take Fastify's usual path, with
 * no hook as they are sent.
 */
export const contentNegotiationStep: HttpStep = {
  onRequest(request, reply) {
    if (!isNegotiated(request.url)) return;
    void reply.header('vary', VARY_ACCEPT);
    if (wantsYaml(request.headers.accept)) void reply.serializer(yamlSerializer(reply));
  },
};

/**
 * Writes a successful answer as YAML; errors stay problem+json. The value goes
 * through JSON first, so that YAML shows exactly what JSON would (dates as
 * ISO strings, no undefined fields, toJSON honoured).
 */
function yamlSerializer(reply: FastifyReply): (payload: unknown) => string {
  return (payload) => {
    const json = typeof payload === 'string' ? payload : JSON.stringify(payload);
    if (reply.statusCode >= 300) return json;
    void reply.type(YAML_TYPE);
    return toYaml(JSON.parse(json));
  };
}

/** Whether answers at `url` are negotiated (and so carry `Vary: Accept`). */
export function isNegotiated(url: string): boolean {
  return NEGOTIATED.test(url);
}

/**
 * The common cases, told without parsing: no Accept, anything, or exactly
 * JSON. Every other Accept goes through the negotiator.
 */
export function acceptsJsonAsIs(accept: string | undefined): boolean {
  return accept === undefined || accept === '' || accept === '*/*' || accept === JSON_TYPE;
}

/** True for YAML, false for JSON; throws 406 when Accept allows neither. */
export function wantsYaml(accept: string | undefined): boolean {
  if (acceptsJsonAsIs(accept)) return false;
  const chosen = new Negotiator({ headers: { accept } }).mediaType(OFFERED);
  if (!chosen) {
    throw new HttpProblem(
      406,
      `This resource is available as ${JSON_TYPE} or ${YAML_TYPE}; Accept allows neither.`,
    );
  }
  return chosen !== JSON_TYPE;
}
