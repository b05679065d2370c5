// After `tsc`: writes the JSON Schema editors use (schemas/restload.schema.json)
// and the precompiled root validator (dist/config/root-validator.cjs), both from
// the TypeBox definitions in src/config/schema/ (one source of truth).
import { writeFileSync, mkdirSync } from 'node:fs';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const { RestApiConfigSchema } = await import('../dist/config/schema/index.js');
const { AJV_OPTIONS } = await import('../dist/config/validate.js');

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
