// Writes the JSON Schema editors and ajv use from the TypeBox definitions
// (one source of truth: src/config/schema/), after `tsc` has compiled them.
import { writeFileSync, mkdirSync } from 'node:fs';
const { RestApiConfigSchema } = await import('../dist/config/schema/index.js');
mkdirSync('schemas', { recursive: true });
const schema = { $schema: 'http://json-schema.org/draft-07/schema#', ...JSON.parse(JSON.stringify(RestApiConfigSchema)) };
writeFileSync('schemas/restload.schema.json', JSON.stringify(schema, null, 2) + '\n');
