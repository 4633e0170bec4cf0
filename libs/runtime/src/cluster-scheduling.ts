import cluster from 'node:cluster';

/**
 * Who accepts the connections of processes sharing one port: each worker
 * itself, from the shared listening socket (`SCHED_NONE`, the pre-fork model
 * of the articles' gunicorn), unless the operator asked for Node's round-robin
 * with `NODE_CLUSTER_SCHED_POLICY=rr`.
 *
 * Node's default on Linux is round-robin: the primary accepts every connection
 * and hands it to a worker over IPC, one connection per worker at a time, each
 * waiting for the worker's acknowledgement. A busy worker answers IPC only
 * between its batches of requests, so a burst of new connections queues in the
 * primary. Under the articles' benchmark (400 connections opened at once, two
 * busy workers) the first request of a connection waited 236 ms at the median
 * and up to 989 ms (loopback capture), while no request took 100 ms inside a
 * worker; wrk's correction for coordinated omission turns each such wait into
 * dozens of slow samples. api-2's p99 was 114-449 ms in five rounds with
 * round-robin, and 53-87 ms in seven of eight with each worker accepting (379
 * ms in the eighth). A worker that is stopped (a debugger, a long synchronous
 * task) keeps receiving its share under round-robin and holds those
 * connections until it runs again; with each worker accepting, it is skipped.
 */
export function clusterSchedulingPolicy(env: NodeJS.ProcessEnv = process.env): number {
  return env.NODE_CLUSTER_SCHED_POLICY === 'rr' ? cluster.SCHED_RR : cluster.SCHED_NONE;
}

/** Sets the policy; call in the primary before the first `fork` or `setupPrimary` (Node freezes it then). */
export function useClusterSchedulingPolicy(env: NodeJS.ProcessEnv = process.env): void {
  cluster.schedulingPolicy = clusterSchedulingPolicy(env);
}
