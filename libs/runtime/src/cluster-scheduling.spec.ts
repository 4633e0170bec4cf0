import cluster from 'node:cluster';
import { clusterSchedulingPolicy } from './cluster-scheduling';

describe('clusterSchedulingPolicy', () => {
  it('lets each worker accept its own connections by default', () => {
    expect(clusterSchedulingPolicy({})).toBe(cluster.SCHED_NONE);
  });

  it("keeps Node's round-robin when the operator asks for it", () => {
    expect(clusterSchedulingPolicy({ NODE_CLUSTER_SCHED_POLICY: 'rr' })).toBe(cluster.SCHED_RR);
    expect(clusterSchedulingPolicy({ NODE_CLUSTER_SCHED_POLICY: 'none' })).toBe(cluster.SCHED_NONE);
  });
});
