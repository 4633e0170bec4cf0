import type { FastifyInstance } from 'fastify';
import type { HttpStep } from './http-step';

/**
 * Registers the steps as one Fastify hook per phase, each running its steps
 * in the order given. A Fastify hook costs about 0.5 us per request on the
 * benchmark route (measured: twelve no-op hooks made a 51 us request 57 us),
 * and Nest's adapter already adds six of its own, so the API's concerns share
 * three hooks instead of taking one each.
 */
export function registerHttpPipeline(fastify: FastifyInstance, steps: readonly HttpStep[]): void {
  const onRequest = steps.flatMap((step) => (step.onRequest ? [step.onRequest.bind(step)] : []));
  const onSend = steps.flatMap((step) => (step.onSend ? [step.onSend.bind(step)] : []));
  const onResponse = steps.flatMap((step) => (step.onResponse ? [step.onResponse.bind(step)] : []));

  if (onRequest.length > 0) {
    fastify.addHook('onRequest', (request, reply, done) => {
      try {
        for (const run of onRequest) run(request, reply);
      } catch (error) {
        done(error as Error);
        return;
      }
      done();
    });
  }
  if (onSend.length > 0) {
    fastify.addHook('onSend', (request, reply, payload, done) => {
      let sent: unknown = payload;
      try {
        for (const run of onSend) sent = run(request, reply, sent);
      } catch (error) {
        done(error as Error);
        return;
      }
      done(null, sent);
    });
  }
  if (onResponse.length > 0) {
    fastify.addHook('onResponse', (request, reply, done) => {
      try {
        for (const run of onResponse) run(request, reply);
      } catch (error) {
        done(error as Error);
        return;
      }
      done();
    });
  }
}
