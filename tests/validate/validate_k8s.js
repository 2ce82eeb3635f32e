#!/usr/bin/env node
// Checks each object of the multi-document YAML files named on the command
// line against the JSON schemas that the npm packages kubernetes-models
// (built-in kinds) and @kubernetes-models/traefik (Traefik's CRDs) ship.
// usage: NODE_PATH=<node_modules> node validate_k8s.js FILE...
// One line for each object refused, then "N passed, N failed"; exit 1 when
// any object is refused or is of a kind neither package knows.
'use strict';
const fs = require('fs');
const YAML = require('yaml');

// apiVersion -> the module exporting one model class per kind.
const MODULES = new Map([
  ['v1', 'kubernetes-models/v1'],
  ['apps/v1', 'kubernetes-models/apps/v1'],
  ['networking.k8s.io/v1', 'kubernetes-models/networking.k8s.io/v1'],
  ['policy/v1', 'kubernetes-models/policy/v1'],
  ['traefik.io/v1alpha1', '@kubernetes-models/traefik/traefik.io/v1alpha1'],
]);

function modelFor(object) {
  const moduleName = MODULES.get(object.apiVersion);
  if (moduleName === undefined) throw new Error(`unknown apiVersion ${object.apiVersion}`);
  const model = require(moduleName)[object.kind];
  if (typeof model !== 'function') throw new Error(`${object.apiVersion} has no kind ${object.kind}`);
  return model;
}

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  for (const document of YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (document.errors.length > 0) {
      failed++;
      console.log(`FAIL ${file}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) continue;
    const name = object.metadata ? object.metadata.name : '?';
    try {
      const Model = modelFor(object);
      new Model(object).validate();
      passed++;
    } catch (error) {
      failed++;
      const firstLines = String(error.message).split('\n').slice(0, 4).join(' | ');
      console.log(`FAIL ${file}: ${object.kind} ${name}: ${firstLines}`);
    }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
