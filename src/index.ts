/**
 * restload's library API: the same engine as the CLI (one engine, two doors).
 *
 *   import { pipeline, resource, incremental, restApiSource } from 'restload';
 *   const p = pipeline({ pipelineName: 'github', destination: 'duckdb', datasetName: 'github_data' });
 *   const info = await p.run(rows, { tableName: 'issues' });
 *   console.log(String(info));
 */
export { pipeline, Pipeline, type PipelineOptions } from './pipeline/pipeline.js';
export { LoadInfo, NormalizeInfo } from './pipeline/load-info.js';
export { PipelineLockedError, RunInterruptedError, type LockHolder } from './pipeline/errors.js';
export type { RunOptions, Runnable } from './pipeline/runnable.js';
export type { RunTrace } from './pipeline/trace.js';
export { resource, transformer, source, type Resource, type ResourceOptions, type ResourceData, type SourceGroup } from './extract/resource.js';
export { incremental, Incremental, type IncrementalOptions } from './extract/incremental-arg.js';
export { restApiSource, restApiResources, type RestApiOptions } from './extract/rest-api/index.js';
export type { Source, ResourceInfo, ResourcePage } from './extract/source.js';
export { get, post, paginate, type HttpResponse, type Page, type RequestOptions } from './extract/http-helper.js';
export { secrets, config } from './config/values.js';
export { loadConfig, type LoadedConfig } from './config/load.js';
export type {
  RestApiConfig, ClientConfig, EndpointConfig, EndpointResourceConfig, ResourceDefaultsConfig, PaginatorConfig, AuthConfig,
  IncrementalConfig, WriteDispositionConfig, ColumnHintConfig, ColumnsConfig, SchemaContractConfig,
} from './config/schema/index.js';
export { RestloadError, UsageError } from './common/errors.js';
export { ConfigError, type ConfigProblem } from './config/errors.js';
export { HttpError, ExtractError } from './extract/errors.js';
export { ContractViolation } from './normalize/normalizer.js';
export type { PipelineState, IncrementalState } from './load/system-tables.js';
export type { StoredSchema, TableSchema, ColumnSchema } from './normalize/schema.js';
