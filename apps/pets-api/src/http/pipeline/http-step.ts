import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One concern of the HTTP pipeline (request ids, content negotiation,
 * metrics...), as plain synchronous functions for the phases it needs.
 * registerHttpPipeline runs every step of a phase inside a single Fastify
 * hook. There is deliberately no step on the way out (onSend): that phase
 * would cost every response a hook, and no concern needs it (YAML answers
 * get their own serializer; drain-on-close marks connections at preClose).
 */
export interface HttpStep {
  /** Before routing's handler and body parsing; may throw an HttpProblem. */
  onRequest?(request: FastifyRequest, reply: FastifyReply): void;
  /** After the response was sent. */
  onResponse?(request: FastifyRequest, reply: FastifyReply): void;
}
