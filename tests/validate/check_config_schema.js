#!/usr/bin/env node
// Holds `mailu-synth schema` against the loader, with ajv as the JSON Schema
// (draft 2020-12) validator:
//  1. every config named with --accept (the public cases, the examples, the
//     test configs) passes the schema;
//  2. every config of --refused whose problem, as the loader words it, is a
//     wrong type, a value outside an enum, an unknown key or a missing key
//     fails the schema too;
//  3. each --mutate config, changed one place at a time, is judged alike by
//     both: where the loader refuses it for one of those problems the
//     schema refuses it, and where the loader takes it the schema takes it.
//     The places are those of the config (a key added, removed or set to
//     null; a value replaced by one of another type or by a word no enum
//     has) and every key of the schema (set to null, which an optional key
//     takes, and to a value of another type), so a key the loader does not
//     know, or one the schema leaves out, shows.
// usage: NODE_PATH=<node_modules> node check_config_schema.js MAILU_SYNTH SCHEMA
//          [--accept FILE...] [--refused FILE...] [--mutate FILE...]
// Prints what failed and a count; exits 1 on any failure.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const YAML = require('yaml');
const Ajv2020 = require('ajv/dist/2020');

const [synth, schemaFile, ...rest] = process.argv.slice(2);
const lists = { '--accept': [], '--refused': [], '--mutate': [] };
let current = null;
for (const word of rest) {
  if (word in lists) current = lists[word];
  else if (current) current.push(word);
  else throw new Error(`unexpected argument ${word}`);
}

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const validate = ajv.compile(schema);

const failures = [];
let checks = 0;
function expect(condition, message) {
  checks++;
  if (!condition) failures.push(message);
}
function schemaError() {
  const error = validate.errors[0];
  return `${error.instancePath || '/'} ${error.message}`;
}
function readConfig(file) {
  return YAML.parse(fs.readFileSync(file, 'utf8'));
}

// The loader's problems that are the schema's business too. Its other rules
// (formats, how keys go together) are not in the schema.
// A number's notation (010, 6379.0) is not: JSON Schema sees only values.
const SHAPE_PROBLEMS = [
  /^unknown key/,
  /^is required$/,
  /^must be one of /,
  /^must be a whole number from -?\d+ to -?\d+(, written without quotes)? \(got /,
  /^must be true or false/,
  /^must be a mapping/,
  /^must be a list of/,
  /^must not contain control characters/,
  // A value of another type where a string is due.
  /^must be [^;]* \(got (null|\[\]|\{\}|a list|a mapping|true|false|-?[0-9][0-9.eE+-]*)\)$/,
];
const isShapeProblem = (message) => SHAPE_PROBLEMS.some((pattern) => pattern.test(message));

// A problem's message without its path, which may hold quoted keys ("a: b").
function messageOf(problem) {
  let quoted = false;
  for (let i = 0; i < problem.length; i++) {
    if (problem[i] === '\\' && quoted) i++;
    else if (problem[i] === '"') quoted = !quoted;
    else if (!quoted && problem.startsWith(': ', i)) return problem.slice(i + 2);
  }
  return problem;
}

// `mailu-synth check` over many configs at once: file -> its problems' messages.
function loaderProblems(files) {
  const args = ['check'];
  for (const file of files) args.push('--config', file);
  const run = spawnSync(synth, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const problems = new Map(files.map((file) => [file, []]));
  for (const line of run.stderr.split('\n').filter(Boolean)) {
    const file = files.find((f) => line.startsWith(`mailu-synth: ${f}: `));
    if (file === undefined) throw new Error(`a line naming no config: ${line}`);
    problems.get(file).push(messageOf(line.slice(`mailu-synth: ${file}: `.length)));
  }
  const refused = [...problems.values()].some((list) => list.length > 0);
  if (run.status !== (refused ? 2 : 0)) throw new Error(`mailu-synth check exited ${run.status}: ${run.stderr}`);
  return problems;
}

// 1. What the loader takes, the schema takes.
for (const file of lists['--accept']) {
  expect(validate(readConfig(file)), `${file}: a good config fails the schema: ${validate.errors && schemaError()}`);
}

// 2. The refused corpus.
if (lists['--refused'].length > 0) {
  const problems = loaderProblems(lists['--refused']);
  for (const [file, messages] of problems) {
    expect(messages.length > 0, `${file}: the loader takes a config of the refused corpus`);
    const shape = messages.filter(isShapeProblem);
    if (shape.length === 0) continue;
    let config;
    try {
      config = readConfig(file);
    } catch (error) {
      continue;  // not YAML: nothing for a schema to judge
    }
    expect(!validate(config), `${file}: the schema takes it, the loader says: ${shape[0]}`);
  }
}

// 3. Mutations, one place at a time.
function* places(value, at) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* places(value[i], [...at, i]);
  } else if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) yield* places(value[key], [...at, key]);
  }
  yield { at, value };
}
function changed(config, at, change) {
  const copy = structuredClone(config);
  if (at.length === 0) return change(copy);
  let parent = copy;
  for (const step of at.slice(0, -1)) parent = parent[step];
  change(parent, at[at.length - 1]);
  return copy;
}
// Every key of the schema, as the steps to it: a key, '[]' for a list's
// item, '*' for a name of the user's (a file name).
function* schemaPlaces(node, at) {
  while (node.$ref !== undefined) node = schema.$defs[node.$ref.slice('#/$defs/'.length)];
  for (const [key, child] of Object.entries(node.properties || {})) {
    yield [...at, key];
    yield* schemaPlaces(child, [...at, key]);
  }
  if (node.items !== undefined) yield* schemaPlaces(node.items, [...at, '[]']);
  if (typeof node.additionalProperties === 'object') yield* schemaPlaces(node.additionalProperties, [...at, '*']);
}
// `config` with `value` at `steps`, making the mappings and lists on the way.
function withValue(config, steps, value) {
  const copy = structuredClone(config);
  let parent = copy;
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    const key = step === '[]' ? 0 : step === '*' ? 'extra.conf' : step;
    if (step === '[]' && !Array.isArray(parent)) throw new Error(`not a list at ${steps.join('.')}`);
    if (last) {
      parent[key] = value;
    } else {
      const wantList = steps[i + 1] === '[]';
      const next = parent[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next) !== wantList) parent[key] = wantList ? [] : {};
      parent = parent[key];
    }
  });
  return copy;
}
function schemaMutationsOf(config) {
  const mutations = [];
  for (const steps of schemaPlaces(schema, [])) {
    if (steps[steps.length - 1] === '[]') continue;
    const name = steps.join('.');
    mutations.push([`${name} (schema): null`, withValue(config, steps, null)]);
    mutations.push([`${name} (schema): a list`, withValue(config, steps, [{ a: 'b' }])]);
  }
  return mutations;
}

function mutationsOf(config) {
  const mutations = schemaMutationsOf(config);
  for (const { at, value } of places(config, [])) {
    const name = at.join('.') || '<document>';
    const set = (replacement) => (parent, key) => { parent[key] = replacement; };
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      mutations.push([`${name}: an unknown key`, changed(config, at, (object, key) => {
        (key === undefined ? object : object[key]).zzNotAKey = 'x';
        return object;
      })]);
    }
    if (at.length === 0) continue;
    const key = at[at.length - 1];
    if (typeof key === 'string') {
      mutations.push([`${name}: removed`, changed(config, at, (parent, k) => { delete parent[k]; })]);
    }
    mutations.push([`${name}: null`, changed(config, at, set(null))]);
    if (typeof value === 'string') {
      mutations.push([`${name}: a mapping`, changed(config, at, set({ a: 'b' }))]);
      mutations.push([`${name}: another word`, changed(config, at, set('zz-no-such-choice'))]);
      mutations.push([`${name}: a number`, changed(config, at, set(12345))]);
      mutations.push([`${name}: a tab`, changed(config, at, set(`${value}\tx`))]);
    } else {
      mutations.push([`${name}: a string`, changed(config, at, set('text'))]);
    }
    if (typeof value === 'number') mutations.push([`${name}: quoted`, changed(config, at, set(String(value)))]);
    if (typeof value === 'boolean') mutations.push([`${name}: a word`, changed(config, at, set('yes'))]);
  }
  return mutations;
}

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'config-schema-'));
try {
  for (const source of lists['--mutate']) {
    expect(validate(readConfig(source)), `${source}: the config to change fails the schema: ${validate.errors && schemaError()}`);
    const files = new Map();
    mutationsOf(readConfig(source)).forEach(([what, config], i) => {
      const file = path.join(folder, `m${String(i).padStart(4, '0')}.json`);
      fs.writeFileSync(file, JSON.stringify(config));
      files.set(file, { what, config });
    });
    let shapeRefusals = 0;
    for (const [file, messages] of loaderProblems([...files.keys()])) {
      const { what, config } = files.get(file);
      const schemaTakes = validate(config);
      if (messages.length === 0) {
        expect(schemaTakes, `${source}: ${what}: the loader takes it, the schema does not: ${!schemaTakes && schemaError()}`);
      } else if (messages.some(isShapeProblem)) {
        shapeRefusals++;
        expect(!schemaTakes, `${source}: ${what}: the schema takes it, the loader says: ${messages[0]}`);
      }
    }
    console.log(`${source}: ${files.size} mutations, ${shapeRefusals} refused by the loader for their shape`);
    expect(shapeRefusals > files.size / 2, `${source}: too few mutations are shape problems (${shapeRefusals})`);
  }
} finally {
  fs.rmSync(folder, { recursive: true, force: true });
}

for (const failure of failures) console.log(`FAIL ${failure}`);
console.log(`${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length > 0 ? 1 : 0);
