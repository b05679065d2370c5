// After `tsc`: writes the JSON Schema editors use (schemas/restload.schema.json)
// and the precompiled root validator (dist/config/root-validator.cjs), both from
// the TypeBox definitions in src/config/schema/ (one source of truth), and
// V8's code cache for that validator (dist/config/root-validator.v8cache, see
// compileRootValidator in src/config/validate.ts).
import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const { RestApiConfigSchema } = await import('../dist/config/schema/index.js');
const { AJV_OPTIONS, compileRootValidator } = await import('../dist/config/validate.js');

mkdirSync('schemas', { recursive: true });
const schema = { $schema: 'http://json-schema.org/draft-07/schema#', ...JSON.parse(JSON.stringify(RestApiConfigSchema)) };
writeFileSync('schemas/restload.schema.json', JSON.stringify(schema, null, 2) + '\n');

const AjvClass = Ajv.default ?? Ajv;
const ajv = new AjvClass({ ...AJV_OPTIONS, code: { source: true } });
const root = JSON.parse(JSON.stringify(RestApiConfigSchema));
delete root.$id;
const validate = ajv.compile(root);
const standalone = standaloneCode.default ?? standaloneCode;
writeFileSync('dist/config/root-validator.cjs', standalone(ajv, validate));

// One call compiles the whole validator function; the cache made after it
// holds that code, so a run's first validation does not compile it again.
const { validate: compiledRoot, script } = compileRootValidator(resolve('dist/config/root-validator.cjs'), false);
compiledRoot({});
writeFileSync('dist/config/root-validator.v8cache', script.createCachedData());
