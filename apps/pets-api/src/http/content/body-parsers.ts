import type { FastifyInstance } from 'fastify';
import { parseYamlBody, YAML_MEDIA_TYPES } from './yaml.codec';

/** The largest body the API accepts (JSON or YAML); above it, 413. */
export const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * JSON is Fastify's own parser (prototype poisoning refused). YAML is added
 * here. Every other media type is refused with 415 by Fastify.
 */
export function registerBodyParsers(fastify: FastifyInstance): void {
  // Fastify parses text/plain by default; the API has no use for it.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser(
    [...YAML_MEDIA_TYPES],
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (_request, body, done) => {
      try {
        done(null, parseYamlBody(body as string));
      } catch (error) {
        const reason = (error as Error).message.split('\n')[0];
        done(new SyntaxError(`YAML: ${reason}`), undefined);
      }
    },
  );
}
