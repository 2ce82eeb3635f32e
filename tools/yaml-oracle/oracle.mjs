// Development aid, not part of the build: prints what the npm `yaml` library
// writes, with cdk8s's options, for each JSON document read from stdin (one
// per line), as one JSON string per line. Used to produce the extra YAML
// goldens in tests/data/core/yaml_extra/.
//   npm install --prefix /tmp/oracle yaml@2.9.1
//   NODE_PATH=/tmp/oracle/node_modules node tools/yaml-oracle/oracle.mjs < docs.jsonl
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';

const require = createRequire(import.meta.url);
const YAML = require('yaml');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line) continue;
  const doc = JSON.parse(line);
  process.stdout.write(JSON.stringify(YAML.stringify(doc, { keepUndefined: true, lineWidth: 0, version: '1.1' })) + '\n');
}
