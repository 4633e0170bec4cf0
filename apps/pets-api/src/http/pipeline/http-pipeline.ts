import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { HttpStep } from './http-step';

type StepRun = (request: FastifyRequest, reply: FastifyReply) => void;
type Hook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * Where the pipeline's two hooks go: Nest's FastifyAdapter, whose
 * `setOnRequestHook`/`setOnResponseHook` fill slots that hooks it registers on
 * every request anyway call into.
 */
export interface HookSlots {
  setOnRequestHook(hook: Hook): void;
  setOnResponseHook(hook: Hook): void;
}

/** One hook that runs every step in order; the first that throws ends it with that error. */
function hookRunning(runs: readonly StepRun[]): Hook {
  return (request, reply, done) => {
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
 * Runs the steps from Nest's own request and response hooks, each phase's
 * steps in the order given. Nest's adapter adds five hooks to every request
 * whether or not they are used, two of them only to call the hook set with
 * `setOnRequestHook` and `setOnResponseHook`; filling those slots adds no
 * hook at all. (On a bare Fastify route twelve no-op hooks cost 0.5 us each;
 * in the API, five more were within the noise of a side-by-side run.) Nothing
 * else in the API sets the slots (one hook each: a second call would replace
 * ours).
 */
export function registerHttpPipeline(slots: HookSlots, steps: readonly HttpStep[]): void {
  const onRequest = steps.flatMap((step) => (step.onRequest ? [step.onRequest.bind(step)] : []));
  const onResponse = steps.flatMap((step) => (step.onResponse ? [step.onResponse.bind(step)] : []));

  if (onRequest.length > 0) slots.setOnRequestHook(hookRunning(onRequest));
  if (onResponse.length > 0) slots.setOnResponseHook(hookRunning(onResponse));
}
