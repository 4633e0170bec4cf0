#!/usr/bin/env node
// Rewrites the "## Values" section of the chart README from the "## @section" and
// "## @param <key> <description>" comments of values.yaml, with each key's default.
// Run it after changing values.yaml, then `npx prettier --write charts/pets-platform/README.md`
// to align the tables; tests/chart-values.spec.ts fails while a documented key is missing.
const { readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const chart = path.resolve(__dirname, '..');
const text = readFileSync(path.join(chart, 'values.yaml'), 'utf8');
const values = parse(text);
const valueAt = (key) =>
  key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), values);
const cell = (s) => s.replace(/\|/g, '\\|');

const lines = ['## Values', ''];
for (const line of text.split('\n')) {
  const section = /^\s*## @section (.*)$/.exec(line);
  if (section) {
    lines.push(`### ${section[1]}`, '', '| Name | Description | Default |', '| --- | --- | --- |');
    continue;
  }
  const param = /^\s*## @param (\S+) (.*)$/.exec(line);
  if (param) {
    let value = JSON.stringify(valueAt(param[1]));
    // Long defaults (resources, security contexts, probes) are better read in values.yaml.
    if (value === undefined || value.length > 60) value = '(see values.yaml)';
    lines.push(`| \`${param[1]}\` | ${cell(param[2])} | \`${cell(value)}\` |`);
  }
}
const table = lines
  .join('\n')
  .replace(/\|\n### /g, '|\n\n### ')
  .concat('\n');

const readmePath = path.join(chart, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = readme.indexOf('## Values');
if (start < 0) throw new Error('README.md has no "## Values" section');
writeFileSync(readmePath, readme.slice(0, start) + table);
console.log(`README.md: ${lines.filter((l) => l.startsWith('| `')).length} values documented`);
