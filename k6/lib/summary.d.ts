// Types of summary.js for the TypeScript tests (the k6 scripts themselves are plain JavaScript).

/** One metric of k6's end-of-test summary data. */
export interface K6Metric {
  /** 'counter', 'gauge', 'rate' or 'trend' */
  type: string;
  /** 'default', 'time' or 'data' */
  contains: string;
  values: Record<string, number>;
  thresholds?: Record<string, { ok: boolean }>;
}

/** The object k6 passes to handleSummary(data). */
export interface K6SummaryData {
  root_group?: unknown;
  options?: { summaryTrendStats?: string[]; summaryTimeUnit?: string; noColor?: boolean };
  state?: { isStdOutTTY?: boolean; isStdErrTTY?: boolean; testRunDurationMs?: number };
  metrics?: Record<string, K6Metric>;
  setup_data?: unknown;
}

export interface ResultRecord {
  variant: string;
  min: number | null;
  p50: number | null;
  p99: number | null;
  p999: number | null;
  max: number | null;
  mean: number | null;
  durationS: number | null;
  requests: number | null;
  failed: number | null;
  rps: number | null;
}

export interface ThresholdResult {
  metric: string;
  threshold: string;
  ok: boolean;
}

export declare const SUMMARY_TREND_STATS: string[];
export declare const TABLE_COLUMNS: string[];

export declare function roundTo(value: number, digits: number): number;
export declare function formatFixed(value: unknown, digits: number): string;
export declare function formatPlain(value: unknown): string;
export declare function formatInteger(value: unknown): string;
export declare function formatDuration(ms: unknown): string;
export declare function toRecord(data: K6SummaryData | null | undefined, variant: string): ResultRecord;
export declare function formatTable(records: ResultRecord | ResultRecord[]): string;
export declare function formatMarkdownRow(record: ResultRecord): string;
export declare function formatMarkdownTable(records: ResultRecord | ResultRecord[]): string;
export declare function thresholdResults(data: K6SummaryData | null | undefined): ThresholdResult[];
export declare function formatVerdict(data: K6SummaryData | null | undefined, record?: ResultRecord): string;
export declare function formatMetrics(data: K6SummaryData | null | undefined): string;
export declare function rawMetricValues(
  data: K6SummaryData | null | undefined,
): Record<string, Record<string, number>>;
export declare function buildSummary(
  data: K6SummaryData | null | undefined,
  settings: { variant: string; summaryFile: string },
): Record<string, string>;
