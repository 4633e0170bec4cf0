import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { HttpStep } from './http-step';

type StepRun = (request: FastifyRequest, reply: FastifyReply) => void;

/** One Fastify hook that runs every step in order; the first that throws ends it with that error. */
function hookRunning(runs: readonly StepRun[]) {
  return (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    try {
      for (const run of runs) run(request, reply);
    } catch (error) {
      done(error as Error);
      return;
    }
    done();
  };
}

/**
 * Registers the steps as one Fastify hook per phase, each running its steps
 * in the order given. A Fastify hook costs about 0.5 us per request on the
 * benchmark route (measured: twelve no-op hooks made a 51 us request 57 us),
 * and Nest's adapter already adds five of its own, so the API's concerns share
 * one hook per phase instead of taking one each.
 */
export function registerHttpPipeline(fastify: FastifyInstance, steps: readonly HttpStep[]): void {
  const onRequest = steps.flatMap((step) => (step.onRequest ? [step.onRequest.bind(step)] : []));
  const onResponse = steps.flatMap((step) => (step.onResponse ? [step.onResponse.bind(step)] : []));

  if (onRequest.length > 0) fastify.addHook('onRequest', hookRunning(onRequest));
  if (onResponse.length > 0) fastify.addHook('onResponse', hookRunning(onResponse));
}
