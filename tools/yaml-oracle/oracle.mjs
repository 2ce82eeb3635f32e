// Dev-only: the reference for tests/data/core/yaml_extra. Reads JSON
// documents, one per line, on stdin; prints for each, as a JSON string on
// one line, what cdk8s 2.70.106 writes for it:
//   YAML.stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })
// with the npm package yaml@2.9.1. Not part of the build.
//
//   npm install --prefix /tmp/yaml-oracle yaml@2.9.1
//   NODE_PATH=/tmp/yaml-oracle/node_modules node oracle.mjs < cases.jsonl > cases.expected.jsonl
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const YAML = createRequire(import.meta.url)('yaml');

const options = { keepUndefined: true, lineWidth: 0, version: '1.1' };
// Split on \n only: documents may hold U+2028, which other splitters take
// for a line end.
const lines = readFileSync(0, 'utf8').split('\n').filter((line) => line !== '');
const out = lines.map((line) => JSON.stringify(YAML.stringify(JSON.parse(line), options)));
process.stdout.write(out.map((l) => l + '\n').join(''));
