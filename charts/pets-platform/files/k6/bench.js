// The article's experiment ("Aiohttp vs Multithreaded Flask for High I/O Applications") against
// the pets API: VUS virtual users (400) send GET /v1/upstream back to back for DURATION (20s),
// like wrk's 400 connections for 20 s. The route does one HTTP GET to an nginx server and answers
// JSON { "status": 200, "length": 615 }. The end-of-test summary prints the article's table:
//
//   variant min p50 p99 p99.9 max mean duration requests
//
//   k6 run k6/bench.js
//   k6 run -e BASE_URL=https://pets.example.com -e VARIANT=pets-api k6/bench.js
//
// Settings (k6/lib/settings.js): BASE_URL, VUS, DURATION, P99_MS, VARIANT, SUMMARY_FILE, CHECK_EVERY.
import http from 'k6/http';
import { check } from 'k6';
import { parseJson, isUpstreamAnswer } from './lib/responses.js';
import { settings } from './lib/settings.js';
import { SUMMARY_TREND_STATS, buildSummary } from './lib/summary.js';

const UPSTREAM_URL = `${settings.baseUrl}/v1/upstream`;

// Response bodies: discarded, except on a sample of iterations.
// Every response's status is checked (k6 knows it without the body). Keeping every body would
// make k6 copy each one into a JavaScript string and JSON.parse it in the VU's single-threaded
// JavaScript runtime: at 400 VUs that is CPU taken from the load generator on every request,
// which wrk does not spend, and it would lower the request rate k6 can drive. So each VU keeps and
// parses the body of one iteration in CHECK_EVERY (default 10; CHECK_EVERY=1 checks them all),
// which still catches a wrong answer shape within the first iterations of every VU.
const DISCARDED = { tags: { name: 'GET /v1/upstream' } };
const KEPT = { tags: { name: 'GET /v1/upstream' }, responseType: 'text' };

export const options = {
  discardResponseBodies: true,
  scenarios: {
    upstream: {
      executor: 'constant-vus',
      vus: settings.vus,
      duration: settings.duration,
    },
  },
  summaryTrendStats: SUMMARY_TREND_STATS.slice(),
  thresholds: {
    http_req_failed: ['rate==0'],
    http_req_duration: [`p(99)<${settings.p99Ms}`],
    checks: ['rate==1'],
  },
};

export default function () {
  const sampled = __ITER % settings.checkEvery === 0;
  const res = http.get(UPSTREAM_URL, sampled ? KEPT : DISCARDED);
  check(res, { 'upstream: status is 200': (r) => r.status === 200 });
  if (sampled) {
    check(res, {
      'upstream: JSON body with numeric status and length': (r) => isUpstreamAnswer(parseJson(r.body)),
    });
  }
}

export function handleSummary(data) {
  return buildSummary(data, settings);
}
