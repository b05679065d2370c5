import type {
  AuthConfig, ColumnHintConfig, EndpointConfig, IncrementalConfig, ModuleRefConfig, PaginatorConfig,
  ProcessingStepConfig, ResponseActionConfig, SchemaContractConfig, ClientConfig,
} from './schema/index.js';

/**
 * The resolved config: defaults merged, placeholders interpolated, shorthands
 * expanded. This is what the extract stage and the pipeline consume; nothing
 * downstream needs to know the shapes a user may write.
 */

export type WriteDisposition = 'append' | 'replace' | 'merge' | 'skip';

export interface WriteDispositionSpec {
  disposition: WriteDisposition;
  strategy?: string;
  validityColumnNames?: string[];
  activeRecordTimestamp?: string | null;
  rowVersionColumnName?: string;
  boundaryTimestamp?: string;
}

/** A normalized contract: each entity has its mode. */
export interface SchemaContract {
  tables: ContractMode;
  columns: ContractMode;
  data_type: ContractMode;
}
export type ContractMode = 'evolve' | 'freeze' | 'discard_row' | 'discard_value';

/** Incremental loading of one resource, from the legacy param or the `incremental` block. */
export interface IncrementalSpec {
  cursorPath: string;
  initialValue?: unknown;
  endValue?: unknown;
  lastValueFunc: 'max' | 'min';
  rowOrder?: 'asc' | 'desc';
  onCursorValueMissing: 'raise' | 'include' | 'exclude';
  /** Set when the value is sent as a query param (legacy `type: incremental` or `start_param`). */
  startParam?: string;
  endParam?: string;
  convert?: ModuleRefConfig;
  lag?: number;
  rangeStart: 'open' | 'closed';
  rangeEnd: 'open' | 'closed';
}

export interface EndpointSpec {
  path: string;
  method: string;
  params: Record<string, unknown>;
  json?: unknown;
  data?: unknown;
  /** The endpoint's own headers (from resource_defaults or the resource): placeholders are rendered. */
  headers: Record<string, unknown>;
  /** `client.headers`, sent with every request as written: dlt does not format them. Endpoint headers win. */
  clientHeaders: Record<string, unknown>;
  paginator?: PaginatorConfig;
  dataSelector?: string;
  responseActions: ResponseActionConfig[];
  incremental?: IncrementalSpec;
  auth?: AuthConfig;
}

/** The table hints of a resource, as every stage after config sees them. */
export interface TableHints {
  /** The table name as configured (normalized later by the naming convention). */
  tableName: string;
  writeDisposition: WriteDispositionSpec;
  primaryKey?: string[];
  mergeKey?: string[];
  columns: Record<string, ColumnHintConfig>;
  maxTableNesting?: number;
}

export interface ResourceSpec extends TableHints {
  name: string;
  endpoint: EndpointSpec;
  selected: boolean;
  parallelized: boolean;
  includeFromParent: string[];
  processingSteps: ProcessingStepConfig[];
  schemaContract?: SchemaContractConfig;
  /** Where this resource is in the config file, for errors: `resources[1]`. */
  configPath: string;
  /** Set when the resource is requested once per item of another resource. */
  parent?: ParentSpec;
}

/** A child resource's link to its parent. */
export interface ParentSpec {
  resource: string;
  /** Legacy `type: resolve` params: param name → parent field. Used in the path as `{name}`, else sent as a query param. */
  resolveParams: Record<string, string>;
}

export interface SourceSpec {
  name: string;
  client: ClientConfig;
  resources: ResourceSpec[];
  maxTableNesting?: number;
  /** dlt's root_key: true or false forces propagation of _dlt_root_id; unset, merge decides. */
  rootKey?: boolean;
  schemaContract?: SchemaContractConfig;
  /** Folder module references are relative to. */
  baseDir: string;
}

export interface PipelineSpec {
  name: string;
  destination: 'duckdb';
  datasetName: string;
  /** Absolute path of the DuckDB file. */
  destinationPath: string;
  /** Absolute path of the pipelines root folder. */
  pipelinesDir: string;
}

export type { EndpointConfig, IncrementalConfig };
