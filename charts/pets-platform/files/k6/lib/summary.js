// Turns the data k6 passes to handleSummary(data) into the article's result table
// ("Aiohttp vs Multithreaded Flask for High I/O Applications"), a Markdown row, a thresholds
// verdict, a compact per-metric listing and a JSON result file.
//
// Pure functions, no k6 imports: Jest tests them under Node against recorded summary data.
//
// The data object (k6 v0.50+ and v1.x): { root_group, options, state, metrics, setup_data? }, where
// metrics[name] = { type, contains, values, thresholds? } and
//   trend   values: one key per summaryTrendStats entry ('min', 'med', 'avg', 'max', 'p(99)', ...);
//   counter values: { count, rate };  gauge values: { value, min, max };
//   rate    values: { rate, passes, fails } (for http_req_failed, `passes` counts FAILED requests);
//   thresholds: { 'p(99)<250': { ok: true }, ... }.
// k6 lists a metric with a threshold even when it got no sample: its values are then zeros.

/** The trend statistics the scripts must ask k6 for (k6 computes no other percentile). */
export const SUMMARY_TREND_STATS = ['min', 'med', 'avg', 'max', 'p(90)', 'p(99)', 'p(99.9)'];

/** The article's columns, in order. */
export const TABLE_COLUMNS = ['variant', 'min', 'p50', 'p99', 'p99.9', 'max', 'mean', 'duration', 'requests'];

const NA = 'n/a';

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value) {
  return typeof value === 'number' && isFinite(value) ? value : null;
}

function metricValues(data, name) {
  const metrics = isObject(data) && isObject(data.metrics) ? data.metrics : null;
  if (metrics === null || !isObject(metrics[name]) || !isObject(metrics[name].values)) return null;
  return metrics[name].values;
}

/**
 * Rounds half away from zero on the decimal form of the number, so 1.005 gives 1.01
 * (Number.prototype.toFixed alone gives 1.00: the double nearest 1.005 is a little below it).
 */
export function roundTo(value, digits) {
  const shifted = Number(`${Math.abs(value)}e${digits}`);
  const rounded = isFinite(shifted) ? Number(`${Math.round(shifted)}e-${digits}`) : Math.abs(value);
  return value < 0 ? -rounded : rounded;
}

/** `value` with `digits` decimals, or 'n/a' for a missing or non-finite value. */
export function formatFixed(value, digits) {
  const number = finite(value);
  if (number === null) return NA;
  if (Math.abs(number) >= 1e21) return number.toFixed(digits);
  const text = roundTo(number, digits).toFixed(digits);
  return /^-0(?:\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A whole number as such, any other number with 2 decimals, or 'n/a'. */
export function formatPlain(value) {
  const number = finite(value);
  if (number === null) return NA;
  return Number.isInteger(number) ? String(number) : formatFixed(number, 2);
}

/** A count as a whole number, or 'n/a'. */
export function formatInteger(value) {
  const number = finite(value);
  return number === null ? NA : String(Math.round(number));
}

/**
 * The result record of one run.
 *
 * Latencies are http_req_duration statistics in milliseconds (p50 is k6's `med`, mean its `avg`),
 * durationS is the test run duration in seconds, requests and rps come from http_reqs and failed
 * from http_req_failed. A value k6 did not report is null; with no request at all the latencies
 * are null (k6 reports zeros for a metric without samples), requests, failed and rps are 0.
 */
export function toRecord(data, variant) {
  const hasMetrics = isObject(data) && isObject(data.metrics);
  const durations = metricValues(data, 'http_req_duration');
  const reqs = metricValues(data, 'http_reqs');
  const failedValues = metricValues(data, 'http_req_failed');
  const state = isObject(data) && isObject(data.state) ? data.state : {};
  const runMs = finite(state.testRunDurationMs);

  // k6 only lists a metric that got a sample (or has a threshold): no http_reqs means no request.
  let requests = null;
  if (reqs !== null) requests = finite(reqs.count);
  else if (hasMetrics) requests = 0;

  const latency = (key) =>
    durations !== null && requests !== null && requests > 0 ? finite(durations[key]) : null;

  let failed = null;
  if (requests === 0) failed = 0;
  else if (failedValues !== null) failed = finite(failedValues.passes);

  let rps = null;
  if (reqs !== null) rps = finite(reqs.rate);
  else if (requests === 0) rps = 0;

  return {
    variant: String(variant),
    min: latency('min'),
    p50: latency('med'),
    p99: latency('p(99)'),
    p999: latency('p(99.9)'),
    max: latency('max'),
    mean: latency('avg'),
    durationS: runMs === null ? null : runMs / 1000,
    requests,
    failed,
    rps,
  };
}

function tableCells(record) {
  return [
    String(record.variant),
    formatFixed(record.min, 2),
    formatFixed(record.p50, 2),
    formatFixed(record.p99, 2),
    formatFixed(record.p999, 2),
    formatFixed(record.max, 2),
    formatFixed(record.mean, 2),
    formatFixed(record.durationS, 2),
    formatInteger(record.requests),
  ];
}

function asList(records) {
  return Array.isArray(records) ? records : [records];
}

/**
 * The article's table: a header and one row per record, single-space separated like the
 * article's, padded so the columns line up (variant to the left, numbers to the right).
 * Latencies in ms and the duration in s with 2 decimals, requests as a whole number.
 */
export function formatTable(records) {
  const rows = [TABLE_COLUMNS.slice()].concat(asList(records).map(tableCells));
  const widths = TABLE_COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join(' ')
        .replace(/\s+$/, ''),
    )
    .join('\n');
}

/** One Markdown table row for a record, in the article's column order. */
export function formatMarkdownRow(record) {
  const cells = tableCells(record);
  cells[0] = cells[0].replace(/\|/g, '\\|');
  return `| ${cells.join(' | ')} |`;
}

/** A Markdown table: header, alignment row (numbers right-aligned) and one row per record. */
export function formatMarkdownTable(records) {
  const header = `| ${TABLE_COLUMNS.join(' | ')} |`;
  const align = `| ${TABLE_COLUMNS.map((_, column) => (column === 0 ? ':--' : '--:')).join(' | ')} |`;
  return [header, align].concat(asList(records).map(formatMarkdownRow)).join('\n');
}

/** Every threshold k6 evaluated, sorted by metric then expression: [{ metric, threshold, ok }]. */
export function thresholdResults(data) {
  const metrics = isObject(data) && isObject(data.metrics) ? data.metrics : {};
  const results = [];
  Object.keys(metrics)
    .sort()
    .forEach((metric) => {
      const thresholds = isObject(metrics[metric]) ? metrics[metric].thresholds : null;
      if (!isObject(thresholds)) return;
      Object.keys(thresholds)
        .sort()
        .forEach((threshold) => {
          const result = thresholds[threshold];
          results.push({ metric, threshold, ok: isObject(result) && result.ok === true });
        });
    });
  return results;
}

/** A few lines: the request count and error rate, then every threshold with its outcome. */
export function formatVerdict(data, record) {
  const result = record || toRecord(data, NA);
  const lines = [];
  if (result.requests === 0) {
    lines.push('requests: 0 (no HTTP request was recorded; latencies are n/a)');
  } else if (result.requests === null) {
    lines.push('requests: n/a (the summary data holds no request metrics)');
  } else {
    const share =
      result.failed !== null && result.requests > 0
        ? ` (${formatFixed((100 * result.failed) / result.requests, 2)}%)`
        : '';
    lines.push(
      `requests: ${formatInteger(result.requests)} at ${formatFixed(result.rps, 2)}/s, ` +
        `failed: ${formatInteger(result.failed)}${share}`,
    );
  }
  const thresholds = thresholdResults(data);
  const crossed = thresholds.filter((item) => !item.ok);
  if (thresholds.length === 0) {
    lines.push('thresholds: none defined');
  } else if (crossed.length === 0) {
    lines.push(`thresholds: PASSED (${thresholds.length} of ${thresholds.length})`);
  } else {
    lines.push(`thresholds: FAILED (${crossed.length} of ${thresholds.length} crossed)`);
  }
  thresholds.forEach((item) => {
    lines.push(`  ${item.ok ? 'ok  ' : 'FAIL'} ${item.metric}: ${item.threshold}`);
  });
  return lines.join('\n');
}

function formatBytes(bytes) {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${formatInteger(value)} B` : `${formatFixed(value, 2)} ${units[unit]}`;
}

/** Milliseconds as `12.34ms`, below 1 ms as `12.34µs` (k6's unit), 0 as `0ms`. */
export function formatDuration(ms) {
  const number = finite(ms);
  if (number === null) return NA;
  if (number === 0) return '0ms';
  return Math.abs(number) < 1 ? `${formatFixed(number * 1000, 2)}µs` : `${formatFixed(number, 2)}ms`;
}

function formatMetricLine(metric, trendStats) {
  const values = metric.values;
  const time = metric.contains === 'time';
  const number = (value) => (time ? formatDuration(value) : formatPlain(value));
  switch (metric.type) {
    case 'trend': {
      const keys = trendStats.filter((key) => key in values);
      Object.keys(values).forEach((key) => {
        if (keys.indexOf(key) < 0) keys.push(key);
      });
      return keys.map((key) => `${key}=${number(values[key])}`).join(' ');
    }
    case 'counter':
      return metric.contains === 'data'
        ? `${formatBytes(values.count)} ${formatBytes(values.rate)}/s`
        : `${formatInteger(values.count)} ${formatFixed(values.rate, 2)}/s`;
    case 'rate': {
      const total =
        finite(values.passes) !== null && finite(values.fails) !== null ? values.passes + values.fails : null;
      return `${formatFixed(finite(values.rate) === null ? null : 100 * values.rate, 2)}% (${formatInteger(
        values.passes,
      )} of ${formatInteger(total)})`;
    }
    case 'gauge':
      return `${number(values.value)} min=${number(values.min)} max=${number(values.max)}`;
    default:
      return Object.keys(values)
        .map((key) => `${key}=${formatPlain(values[key])}`)
        .join(' ');
  }
}

/** A compact listing of every metric k6 reported, one line each, sorted by name. */
export function formatMetrics(data) {
  const metrics = isObject(data) && isObject(data.metrics) ? data.metrics : {};
  const options = isObject(data) && isObject(data.options) ? data.options : {};
  const trendStats = Array.isArray(options.summaryTrendStats)
    ? options.summaryTrendStats
    : SUMMARY_TREND_STATS;
  const names = Object.keys(metrics)
    .filter((name) => isObject(metrics[name]) && isObject(metrics[name].values))
    .sort();
  if (names.length === 0) return 'metrics: none reported';
  const width = Math.max(...names.map((name) => name.length)) + 3;
  return names
    .map((name) => `${`${name} `.padEnd(width, '.')}: ${formatMetricLine(metrics[name], trendStats)}`)
    .join('\n');
}

/** Every metric's raw values, by name, for the JSON result file. */
export function rawMetricValues(data) {
  const metrics = isObject(data) && isObject(data.metrics) ? data.metrics : {};
  const raw = {};
  Object.keys(metrics)
    .sort()
    .forEach((name) => {
      if (isObject(metrics[name])) raw[name] = metrics[name].values;
    });
  return raw;
}

/**
 * What handleSummary(data) returns: the article's table, the verdict and the metric listing on
 * stdout, and the JSON result (record, thresholds, raw metric values) in `summaryFile`.
 */
export function buildSummary(data, settings) {
  const record = toRecord(data, settings.variant);
  const stdout = [
    '',
    formatTable(record),
    '',
    formatVerdict(data, record),
    '',
    formatMetrics(data),
    '',
    '',
  ].join('\n');
  const json = {
    result: record,
    thresholds: thresholdResults(data),
    metrics: rawMetricValues(data),
  };
  const outputs = { stdout };
  outputs[settings.summaryFile] = `${JSON.stringify(json, null, 2)}\n`;
  return outputs;
}
