import { Type, type Static } from '@sinclair/typebox';
import { closed } from './common.js';
import { PaginatorConfigSchema } from './paginator.js';
import { AuthConfigSchema } from './auth.js';
import {
  EndpointResourceSchema,
  ResourceDefaultsSchema,
  SchemaContractSchema,
} from './resource.js';

export * from './resource.js';
export { PaginatorConfigSchema } from './paginator.js';
export type { PaginatorConfig } from './paginator.js';
export { AuthConfigSchema } from './auth.js';
export type { AuthConfig } from './auth.js';

export const DESTINATIONS = ['duckdb'] as const;

export const ClientSchema = Type.Object(
  {
    base_url: Type.String({ description: 'Base URL every resource path is relative to.' }),
    headers: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Headers sent with every request, as written: no placeholders are filled in (as in dlt).' })),
    auth: Type.Optional(Type.Union([AuthConfigSchema, Type.Null()])),
    paginator: Type.Optional(Type.Union([PaginatorConfigSchema, Type.Null()])),
    timeout: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'restload: seconds before a request times out (default 60).' })),
    max_retries: Type.Optional(Type.Integer({ minimum: 0, description: 'restload: retries on 429, 5xx and connection errors (default 5).' })),
    max_retry_time: Type.Optional(Type.Number({ minimum: 0, description: 'restload: give up retrying after this many seconds in total (default 300).' })),
    backoff_factor: Type.Optional(Type.Number({ minimum: 0, description: "restload: seconds of the first retry's backoff, doubled each retry (default 1), like dlt's request_backoff_factor." })),
    max_concurrency: Type.Optional(Type.Integer({ minimum: 1, description: 'restload: bound on concurrent requests of parallelized resources (default 8).' })),
  },
  { ...closed, description: 'The HTTP client shared by all resources.' },
);

export const PipelineBlockSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.-]+$', description: 'Pipeline name (default: the config file name).' })),
    destination: Type.Optional(Type.Unsafe<(typeof DESTINATIONS)[number]>({ type: 'string', enum: [...DESTINATIONS], description: 'Destination (duckdb).' })),
    dataset_name: Type.Optional(Type.String({ description: 'DuckDB schema for the tables (default <name>_dataset).' })),
    destination_path: Type.Optional(Type.String({ description: 'DuckDB file (default <name>.duckdb), relative to the current folder.' })),
    pipelines_dir: Type.Optional(Type.String({ description: 'Working folder root (default ~/.restload/pipelines).' })),
  },
  { ...closed, description: 'Where and under which name the data is loaded.' },
);

export const SourceBlockSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'Source name (default: pipeline name); used for secrets lookup and state.' })),
    max_table_nesting: Type.Optional(Type.Integer({ minimum: 0, description: 'Nesting depth for all resources.' })),
    root_key: Type.Optional(Type.Boolean({ description: 'Propagate _dlt_root_id to nested tables.' })),
    schema_contract: Type.Optional(SchemaContractSchema),
  },
  { ...closed, description: "dlt's rest_api_source arguments." },
);

export const RestApiConfigSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    pipeline: Type.Optional(PipelineBlockSchema),
    source: Type.Optional(SourceBlockSchema),
    client: ClientSchema,
    resource_defaults: Type.Optional(ResourceDefaultsSchema),
    resources: Type.Array(Type.Union([Type.String({ description: 'Shorthand: path and name.' }), EndpointResourceSchema]), {
      description: 'The resources to load.',
    }),
  },
  { ...closed, $id: 'https://restload.dev/schema/restload.schema.json', title: 'restload config', description: "A dlt RESTAPIConfig plus restload's pipeline and source blocks." },
);

export type ClientConfig = Static<typeof ClientSchema>;
export type PipelineBlock = Static<typeof PipelineBlockSchema>;
export type SourceBlock = Static<typeof SourceBlockSchema>;
/** The whole config file, as the JSON Schema describes it. */
export type RestApiConfig = Static<typeof RestApiConfigSchema>;
