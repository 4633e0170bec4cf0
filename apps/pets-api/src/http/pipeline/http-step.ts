import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One concern of the HTTP pipeline (request ids, content negotiation,
 * metrics...), as plain synchronous functions for the phases it needs.
 * registerHttpPipeline runs every step of a phase inside a single Fastify
 * hook.
 */
export interface HttpStep {
  /** Before routing's handler and body parsing; may throw an HttpProblem. */
  onRequest?(request: FastifyRequest, reply: FastifyReply): void;
  /** As the payload goes out: answers the payload to send (the same one, or a replacement). */
  onSend?(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown;
  /** After the response was sent. */
  onResponse?(request: FastifyRequest, reply: FastifyReply): void;
}
