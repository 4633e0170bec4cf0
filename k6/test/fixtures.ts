import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { K6SummaryData } from '../lib/summary';

/** The names of the recorded handleSummary(data) objects in ./fixtures. */
export type FixtureName = 'bench-pass' | 'bench-fail' | 'bench-zero' | 'pets-mixed';

/** A fresh copy of a fixture (tests may change it). */
export function fixture(name: FixtureName): K6SummaryData {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as K6SummaryData;
}
