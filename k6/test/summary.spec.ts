import {
  SUMMARY_TREND_STATS,
  TABLE_COLUMNS,
  buildSummary,
  formatDuration,
  formatFixed,
  formatInteger,
  formatMarkdownRow,
  formatMarkdownTable,
  formatMetrics,
  formatTable,
  formatVerdict,
  roundTo,
  thresholdResults,
  toRecord,
  type K6SummaryData,
  type ResultRecord,
} from '../lib/summary';
import { fixture } from './fixtures';

describe('toRecord', () => {
  it('reads the article columns, failures and rate of a passing bench.js run', () => {
    const record = toRecord(fixture('bench-pass'), 'pets-api');

    expect(record).toEqual({
      variant: 'pets-api',
      min: 1.873412,
      p50: 41.106021,
      p99: 96.733052,
      p999: 171.251938,
      max: 287.41923,
      mean: 43.218417,
      durationS: 20.071948512,
      requests: 184396,
      failed: 0,
      rps: expect.any(Number) as number,
    });
    expect(record.rps).toBeCloseTo(184396 / 20.071948512, 6);
  });

  it('counts failed requests from http_req_failed passes (a "pass" of that rate is a failure)', () => {
    const record = toRecord(fixture('bench-fail'), 'pets-api');

    expect(record.requests).toBe(41873);
    expect(record.failed).toBe(2512);
    expect(record.p99).toBe(3004.81263);
    expect(record.durationS).toBeCloseTo(22.9813041, 9);
  });

  it('gives no latencies for a run without requests, although k6 reports zeros for them', () => {
    const data = fixture('bench-zero');
    expect(data.metrics?.http_req_duration.values.med).toBe(0);

    expect(toRecord(data, 'pets-api')).toEqual({
      variant: 'pets-api',
      min: null,
      p50: null,
      p99: null,
      p999: null,
      max: null,
      mean: null,
      durationS: 0.612482093,
      requests: 0,
      failed: 0,
      rps: 0,
    });
  });

  it.each<[string, K6SummaryData | null | undefined]>([
    ['undefined', undefined],
    ['null', null],
    ['an empty object', {}],
    ['metrics that is not an object', { metrics: 'none' as unknown as K6SummaryData['metrics'] }],
  ])('answers n/a for everything, without throwing, given %s', (_name, data) => {
    const record = toRecord(data, 'x');

    expect(record).toEqual({
      variant: 'x',
      min: null,
      p50: null,
      p99: null,
      p999: null,
      max: null,
      mean: null,
      durationS: null,
      requests: null,
      failed: null,
      rps: null,
    });
    expect(formatTable(record)).toBe(
      [
        'variant min p50 p99 p99.9 max mean duration requests',
        'x       n/a n/a n/a   n/a n/a  n/a      n/a      n/a',
      ].join('\n'),
    );
  });

  it('leaves out what a metric lacks: a percentile not in summaryTrendStats, a missing http_req_failed', () => {
    const data = fixture('bench-pass');
    delete data.metrics!.http_req_duration.values['p(99.9)'];
    delete data.metrics!.http_req_failed;

    const record = toRecord(data, 'pets-api');

    expect(record.p999).toBeNull();
    expect(record.failed).toBeNull();
    expect(record.p99).toBe(96.733052);
    expect(formatTable(record).split('\n')[1].split(/ +/)).toEqual([
      'pets-api',
      '1.87',
      '41.11',
      '96.73',
      'n/a',
      '287.42',
      '43.22',
      '20.07',
      '184396',
    ]);
  });

  it('treats non-finite values (NaN from an empty rate in old k6 versions) as missing', () => {
    const data = fixture('bench-pass');
    data.metrics!.http_req_duration.values.avg = Number.NaN;
    data.metrics!.http_reqs.values.rate = Number.POSITIVE_INFINITY;
    data.state!.testRunDurationMs = 'soon' as unknown as number;

    const record = toRecord(data, 'pets-api');

    expect(record.mean).toBeNull();
    expect(record.rps).toBeNull();
    expect(record.durationS).toBeNull();
  });
});

describe('formatTable', () => {
  it("prints the article's header and an aligned row for the passing run", () => {
    expect(formatTable(toRecord(fixture('bench-pass'), 'pets-api'))).toBe(
      [
        'variant   min   p50   p99  p99.9    max  mean duration requests',
        'pets-api 1.87 41.11 96.73 171.25 287.42 43.22    20.07   184396',
      ].join('\n'),
    );
  });

  it('aligns several variants in one table', () => {
    const records = [
      toRecord(fixture('bench-pass'), 'pets-api'),
      toRecord(fixture('bench-fail'), 'pets-api:broken-upstream'),
      toRecord(fixture('bench-zero'), 'pets-api:aborted'),
    ];

    expect(formatTable(records)).toBe(
      [
        'variant                   min   p50     p99   p99.9     max   mean duration requests',
        'pets-api                 1.87 41.11   96.73  171.25  287.42  43.22    20.07   184396',
        'pets-api:broken-upstream 2.41 74.30 3004.81 3011.60 3047.21 193.90    22.98    41873',
        'pets-api:aborted          n/a   n/a     n/a     n/a     n/a    n/a     0.61        0',
      ].join('\n'),
    );
  });

  it("reproduces the article's aiohttp row from equivalent summary data", () => {
    const data: K6SummaryData = {
      state: { testRunDurationMs: 20100 },
      metrics: {
        http_req_duration: {
          type: 'trend',
          contains: 'time',
          values: { min: 163.27, med: 247.72, 'p(99)': 352.75, 'p(99.9)': 404.59, max: 1414.08, avg: 257.59 },
        },
        http_reqs: { type: 'counter', contains: 'default', values: { count: 30702, rate: 30702 / 20.1 } },
      },
    };

    const row = formatTable(toRecord(data, 'aiohttp')).split('\n')[1];

    expect(row.split(/ +/).join(' ')).toBe('aiohttp 163.27 247.72 352.75 404.59 1414.08 257.59 20.10 30702');
  });

  it('has the columns of the article', () => {
    expect(TABLE_COLUMNS.join(' ')).toBe('variant min p50 p99 p99.9 max mean duration requests');
  });
});

describe('rounding', () => {
  it.each<[number, string]>([
    [1.005, '1.01'],
    [247.715, '247.72'],
    [1414.075, '1414.08'],
    [20.095, '20.10'],
    [0.004999, '0.00'],
    [0.005, '0.01'],
    [96.733052, '96.73'],
    [2, '2.00'],
    [1e-7, '0.00'],
    [-0.001, '0.00'],
    [-1.005, '-1.01'],
  ])('formats %p with 2 decimals as %p (half away from zero, on the decimal digits)', (value, text) => {
    expect(formatFixed(value, 2)).toBe(text);
  });

  it('rounds to the given number of digits', () => {
    expect(roundTo(1.0049, 2)).toBe(1);
    expect(roundTo(2.675, 2)).toBe(2.68); // toFixed(2) alone answers 2.67
    expect(roundTo(123.456, 0)).toBe(123);
  });

  it('prints counts as whole numbers and anything else as n/a', () => {
    expect(formatInteger(30702)).toBe('30702');
    expect(formatInteger(30701.6)).toBe('30702');
    expect(formatInteger(undefined)).toBe('n/a');
    expect(formatInteger('12')).toBe('n/a');
    expect(formatFixed(null, 2)).toBe('n/a');
    expect(formatFixed(Number.NaN, 2)).toBe('n/a');
  });

  it('prints durations in ms, or in µs below 1 ms', () => {
    expect(formatDuration(41.106021)).toBe('41.11ms');
    expect(formatDuration(0.002411)).toBe('2.41µs');
    expect(formatDuration(0)).toBe('0ms');
    expect(formatDuration(undefined)).toBe('n/a');
  });
});

describe('Markdown', () => {
  it('makes one row in the article column order', () => {
    expect(formatMarkdownRow(toRecord(fixture('bench-pass'), 'pets-api'))).toBe(
      '| pets-api | 1.87 | 41.11 | 96.73 | 171.25 | 287.42 | 43.22 | 20.07 | 184396 |',
    );
  });

  it('writes n/a cells for a run without requests and escapes a pipe in the variant', () => {
    expect(formatMarkdownRow(toRecord(fixture('bench-zero'), 'a|b'))).toBe(
      '| a\\|b | n/a | n/a | n/a | n/a | n/a | n/a | 0.61 | 0 |',
    );
  });

  it('makes a whole table with the numbers right-aligned', () => {
    const record: ResultRecord = toRecord(fixture('bench-pass'), 'pets-api');

    expect(formatMarkdownTable([record])).toBe(
      [
        '| variant | min | p50 | p99 | p99.9 | max | mean | duration | requests |',
        '| :-- | --: | --: | --: | --: | --: | --: | --: | --: |',
        '| pets-api | 1.87 | 41.11 | 96.73 | 171.25 | 287.42 | 43.22 | 20.07 | 184396 |',
      ].join('\n'),
    );
  });
});

describe('thresholds verdict', () => {
  it('lists every threshold with its outcome, sorted', () => {
    expect(thresholdResults(fixture('bench-fail'))).toEqual([
      { metric: 'checks', threshold: 'rate==1', ok: false },
      { metric: 'http_req_duration', threshold: 'p(99)<250', ok: false },
      { metric: 'http_req_failed', threshold: 'rate==0', ok: false },
    ]);
  });

  it('reports a passing run', () => {
    expect(formatVerdict(fixture('bench-pass'))).toBe(
      [
        'requests: 184396 at 9186.75/s, failed: 0 (0.00%)',
        'thresholds: PASSED (3 of 3)',
        '  ok   checks: rate==1',
        '  ok   http_req_duration: p(99)<250',
        '  ok   http_req_failed: rate==0',
      ].join('\n'),
    );
  });

  it('reports the failed requests and the crossed thresholds of a failing run', () => {
    expect(formatVerdict(fixture('bench-fail'))).toBe(
      [
        'requests: 41873 at 1822.05/s, failed: 2512 (6.00%)',
        'thresholds: FAILED (3 of 3 crossed)',
        '  FAIL checks: rate==1',
        '  FAIL http_req_duration: p(99)<250',
        '  FAIL http_req_failed: rate==0',
      ].join('\n'),
    );
  });

  it('says so when no request was made (k6 still evaluates the thresholds, on empty metrics)', () => {
    expect(formatVerdict(fixture('bench-zero'))).toBe(
      [
        'requests: 0 (no HTTP request was recorded; latencies are n/a)',
        'thresholds: FAILED (1 of 3 crossed)',
        '  FAIL checks: rate==1',
        '  ok   http_req_duration: p(99)<250',
        '  ok   http_req_failed: rate==0',
      ].join('\n'),
    );
  });

  it('names the thresholds of tagged sub-metrics (pets.js)', () => {
    expect(formatVerdict(fixture('pets-mixed')).split('\n')).toEqual([
      'requests: 57443 at 1888.78/s, failed: 7 (0.01%)',
      'thresholds: PASSED (5 of 5)',
      '  ok   checks: rate>0.99',
      '  ok   http_req_duration{op:read}: p(95)<150',
      '  ok   http_req_duration{op:read}: p(99)<250',
      '  ok   http_req_duration{op:write}: p(99)<500',
      '  ok   http_req_failed: rate<0.01',
    ]);
  });

  it('copes with summary data without metrics', () => {
    expect(formatVerdict({})).toBe(
      ['requests: n/a (the summary data holds no request metrics)', 'thresholds: none defined'].join('\n'),
    );
  });
});

describe('formatMetrics', () => {
  it('lists every metric on one line, sorted, with the right unit per kind', () => {
    const lines = formatMetrics(fixture('bench-pass')).split('\n');

    expect(lines).toHaveLength(17);
    expect(lines[0]).toBe('checks .....................................: 100.00% (203036 of 203036)');
    expect(lines).toContain('data_received ..............................: 39.46 MB 1.97 MB/s');
    expect(lines).toContain(
      'http_req_duration ..........................: min=1.87ms med=41.11ms avg=43.22ms max=287.42ms ' +
        'p(90)=58.40ms p(99)=96.73ms p(99.9)=171.25ms',
    );
    expect(lines).toContain('http_req_failed ............................: 0.00% (0 of 184396)');
    expect(lines).toContain('http_reqs ..................................: 184396 9186.75/s');
    expect(lines).toContain('vus_max ....................................: 400 min=400 max=400');
  });

  it('says when there is nothing to list', () => {
    expect(formatMetrics(undefined)).toBe('metrics: none reported');
  });
});

describe('buildSummary', () => {
  it('prints the table, the verdict and the metrics, and writes the JSON result file', () => {
    const data = fixture('bench-pass');

    const outputs = buildSummary(data, { variant: 'pets-api', summaryFile: 'out/bench-result.json' });

    expect(Object.keys(outputs).sort()).toEqual(['out/bench-result.json', 'stdout']);
    expect(outputs.stdout).toContain(
      [
        'variant   min   p50   p99  p99.9    max  mean duration requests',
        'pets-api 1.87 41.11 96.73 171.25 287.42 43.22    20.07   184396',
        '',
        'requests: 184396 at 9186.75/s, failed: 0 (0.00%)',
        'thresholds: PASSED (3 of 3)',
      ].join('\n'),
    );
    expect(outputs.stdout).toContain('http_reqs ....');

    const json = JSON.parse(outputs['out/bench-result.json']);
    expect(json.result).toEqual(toRecord(data, 'pets-api'));
    expect(json.thresholds).toEqual(thresholdResults(data));
    expect(Object.keys(json.metrics)).toEqual(Object.keys(data.metrics!).sort());
    expect(json.metrics.http_req_duration).toEqual(data.metrics!.http_req_duration.values);
  });

  it('writes null, not NaN, for what a run without requests could not measure', () => {
    const outputs = buildSummary(fixture('bench-zero'), { variant: 'pets-api', summaryFile: 'r.json' });

    const json = JSON.parse(outputs['r.json']);
    expect(json.result.p99).toBeNull();
    expect(json.result.requests).toBe(0);
    expect(outputs.stdout).toContain('pets-api n/a n/a n/a   n/a n/a  n/a     0.61        0');
  });
});

describe('SUMMARY_TREND_STATS', () => {
  it('asks k6 for every statistic the table needs', () => {
    expect(SUMMARY_TREND_STATS).toEqual(['min', 'med', 'avg', 'max', 'p(90)', 'p(99)', 'p(99.9)']);
  });
});
