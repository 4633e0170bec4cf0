// Types of settings.js for the TypeScript tests (the k6 scripts themselves are plain JavaScript).

export interface K6Settings {
  readonly baseUrl: string;
  readonly vus: number;
  readonly duration: string;
  readonly p99Ms: number;
  readonly p95Ms: number;
  readonly writeP99Ms: number;
  readonly apiToken: string | null;
  readonly variant: string;
  readonly summaryFile: string;
  readonly checkEvery: number;
  readonly poolSize: number;
}

export type K6Env = Readonly<Record<string, string | undefined>>;

export declare const DEFAULTS: Readonly<Record<string, string>>;

export declare class SettingsError extends Error {
  constructor(problems: string[]);
  readonly problems: string[];
}

export declare function durationMs(text: string): number;
export declare function loadSettings(env?: K6Env | null, defaults?: K6Env | null): K6Settings;
export declare function k6Env(): K6Env;
export declare const settings: K6Settings;
