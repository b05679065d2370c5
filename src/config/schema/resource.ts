import { Type, type Static } from '@sinclair/typebox';
import { closed, ModuleRef, OneOrMany } from './common.js';
import { PaginatorConfigSchema } from './paginator.js';
import { AuthConfigSchema } from './auth.js';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export const WRITE_DISPOSITIONS = ['append', 'replace', 'merge', 'skip'] as const;
export const MERGE_STRATEGIES = ['delete-insert', 'upsert', 'insert-only', 'scd2'] as const;
export const REPLACE_STRATEGIES = ['truncate-and-insert', 'insert-from-staging', 'staging-optimized'] as const;
export const DATA_TYPES = ['text', 'double', 'bool', 'timestamp', 'bigint', 'binary', 'json', 'decimal', 'wei', 'date', 'time'] as const;
export const CONTRACT_MODES = ['evolve', 'discard_value', 'freeze', 'discard_row'] as const;
export const LAST_VALUE_FUNCS = ['max', 'min'] as const;
export const ROW_ORDERS = ['asc', 'desc'] as const;
export const ON_CURSOR_MISSING = ['raise', 'include', 'exclude'] as const;

/** A string enum from an `as const` list: the JSON Schema `enum` and the TS literal union come from the same list. */
export const lit = <T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });

export const WriteDispositionSchema = Type.Union(
  [
    lit(WRITE_DISPOSITIONS, 'How loaded rows meet rows already in the table.'),
    Type.Object(
      {
        disposition: lit(WRITE_DISPOSITIONS, 'append, replace or merge.'),
        strategy: Type.Optional(Type.String({ description: 'merge: delete-insert (default), upsert, insert-only or scd2; replace: truncate-and-insert.' })),
        validity_column_names: Type.Optional(Type.Array(Type.String(), { description: 'scd2: names of the valid-from and valid-to columns.' })),
        active_record_timestamp: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'scd2: valid-to value of the active record.' })),
        row_version_column_name: Type.Optional(Type.String({ description: 'scd2: column holding the row hash.' })),
        boundary_timestamp: Type.Optional(Type.String({ description: 'scd2: timestamp used as the validity boundary.' })),
      },
      { ...closed, description: 'Write disposition with a strategy, dlt dict form.' },
    ),
  ],
  { description: 'append (default), replace or merge; or a dict with disposition and strategy.' },
);

export const ColumnHintSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ description: 'Column name (in the list form of columns).' })),
    data_type: Type.Optional(lit(DATA_TYPES, 'dlt data type of the column.')),
    nullable: Type.Optional(Type.Boolean({ description: 'Whether NULL is allowed.' })),
    primary_key: Type.Optional(Type.Boolean({ description: 'Part of the primary key.' })),
    merge_key: Type.Optional(Type.Boolean({ description: 'Part of the merge key.' })),
    unique: Type.Optional(Type.Boolean({ description: 'Values are unique.' })),
    precision: Type.Optional(Type.Integer({ description: 'Precision for decimal, timestamp, text and bigint.' })),
    scale: Type.Optional(Type.Integer({ description: 'Scale for decimal.' })),
    timezone: Type.Optional(Type.Boolean({ description: 'timestamp: with time zone (default true).' })),
    hard_delete: Type.Optional(Type.Boolean({ description: 'merge: a non-null/true value deletes the row.' })),
    dedup_sort: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'merge: keep the row with the highest (desc) or lowest (asc) value.' })),
    description: Type.Optional(Type.String({ description: 'Free text.' })),
    partition: Type.Optional(Type.Boolean()),
    cluster: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Boolean()),
    row_key: Type.Optional(Type.Boolean()),
    parent_key: Type.Optional(Type.Boolean()),
    root_key: Type.Optional(Type.Boolean()),
    incremental: Type.Optional(Type.Boolean()),
    variant: Type.Optional(Type.Boolean()),
  },
  { ...closed, description: 'Column hints: override what is inferred from the data.' },
);

export const ColumnsSchema = Type.Union(
  [Type.Record(Type.String(), ColumnHintSchema), Type.Array(ColumnHintSchema)],
  { description: 'Column hints by column name (or a list with `name`).' },
);

export const SchemaContractSchema = Type.Union(
  [
    lit(CONTRACT_MODES, 'One mode for tables, columns and data_type.'),
    Type.Object(
      {
        tables: Type.Optional(lit(CONTRACT_MODES, 'New tables.')),
        columns: Type.Optional(lit(CONTRACT_MODES, 'New columns.')),
        data_type: Type.Optional(lit(CONTRACT_MODES, 'Values that do not fit the column type.')),
      },
      closed,
    ),
  ],
  { description: 'Schema contract: evolve (default), freeze, discard_row or discard_value.' },
);

export const ResolveParamSchema = Type.Object(
  {
    type: Type.Literal('resolve'),
    resource: Type.String({ description: 'Name of the parent resource.' }),
    field: Type.String({ description: 'Field of the parent item (a JSON path).' }),
  },
  { ...closed, description: 'Legacy parent/child binding: one request per parent item with this param set to the field.' },
);

const incrementalFields = {
  cursor_path: Type.String({ description: 'JSON path of the cursor field in each row.' }),
  initial_value: Type.Optional(Type.Unknown({ description: 'Start value when no state exists yet.' })),
  end_value: Type.Optional(Type.Unknown({ description: 'Upper bound (for backfills); no state is kept when set.' })),
  last_value_func: Type.Optional(lit(LAST_VALUE_FUNCS, 'max (default) or min.')),
  row_order: Type.Optional(lit(ROW_ORDERS, 'Order of rows from the API: lets paging stop once out of range.')),
  on_cursor_value_missing: Type.Optional(lit(ON_CURSOR_MISSING, 'raise (default), include or exclude rows without the cursor.')),
  primary_key: Type.Optional(OneOrMany(Type.String())),
  lag: Type.Optional(Type.Number({ description: 'Reprocess this much behind the last value (seconds for dates).' })),
  range_start: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
  range_end: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
};

const { end_value: _endValue, ...paramIncrementalFields } = incrementalFields;

export const IncrementalParamSchema = Type.Object(
  { type: Type.Literal('incremental'), ...paramIncrementalFields, convert: Type.Optional(ModuleRef) },
  { ...closed, description: 'Legacy incremental param: the param is set to the last cursor value.' },
);

export const IncrementalConfigSchema = Type.Object(
  {
    ...incrementalFields,
    start_param: Type.Optional(Type.String({ description: 'Query param set to the start value.' })),
    end_param: Type.Optional(Type.String({ description: 'Query param set to the end value.' })),
    convert: Type.Optional(ModuleRef),
  },
  { ...closed, description: 'Incremental loading on a cursor field.' },
);

/** A query param: a plain value, or a dict tagged `resolve` / `incremental` (dlt rejects untagged dicts). */
export const ParamValueSchema = Type.Union([
  ResolveParamSchema,
  IncrementalParamSchema,
  Type.String(),
  Type.Number(),
  Type.Boolean(),
  Type.Null(),
  Type.Array(Type.Unknown()),
]);

export const ResponseActionSchema = Type.Union([
  Type.Object(
    {
      status_code: Type.Optional(Type.Union([Type.Integer(), Type.String()], { description: 'Match this status code.' })),
      content: Type.Optional(Type.String({ description: 'Match when the body contains this text.' })),
      action: Type.Union([Type.String(), ModuleRef, Type.Array(ModuleRef)], { description: 'ignore: skip the response; or module functions applied to it. Other strings do nothing (as in dlt).' }),
    },
    closed,
  ),
  ModuleRef,
]);

export const ProcessingStepSchema = Type.Union([
  Type.Object({ filter: ModuleRef }, { ...closed, description: 'Keep items for which the function returns true.' }),
  Type.Object({ map: ModuleRef }, { ...closed, description: 'Replace each item with what the function returns.' }),
  Type.Object({ yield_map: ModuleRef }, { ...closed, description: 'Replace each item with the items the function yields.' }),
]);

export const EndpointSchema = Type.Object(
  {
    path: Type.Optional(Type.String({ description: 'Path relative to base_url, or an absolute URL; may hold {resources.<parent>.<field>} and {incremental.*} placeholders.' })),
    method: Type.Optional(lit(HTTP_METHODS, 'HTTP method (default GET).')),
    params: Type.Optional(Type.Record(Type.String(), ParamValueSchema, { description: 'Query parameters.' })),
    json: Type.Optional(Type.Unknown({ description: 'JSON request body.' })),
    data: Type.Optional(Type.Unknown({ description: 'Form or raw request body.' })),
    headers: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'Headers for this endpoint, merged over the client headers.' })),
    paginator: Type.Optional(Type.Union([PaginatorConfigSchema, Type.Null()], { description: 'How to get the next page; null resets a default (auto-detect).' })),
    data_selector: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'JSON path of the records list in the response; null resets a default.' })),
    response_actions: Type.Optional(Type.Array(ResponseActionSchema)),
    incremental: Type.Optional(IncrementalConfigSchema),
    auth: Type.Optional(Type.Union([AuthConfigSchema, Type.Null()])),
  },
  { ...closed, description: 'How to request the resource.' },
);

const resourceBase = {
  endpoint: Type.Optional(Type.Union([Type.String({ description: 'Shorthand: the path.' }), EndpointSchema])),
  write_disposition: Type.Optional(WriteDispositionSchema),
  primary_key: Type.Optional(OneOrMany(Type.String({ description: 'Primary key column(s).' }))),
  merge_key: Type.Optional(OneOrMany(Type.String({ description: 'Merge key column(s).' }))),
  table_name: Type.Optional(Type.String({ description: 'Table name (default: the resource name).' })),
  columns: Type.Optional(ColumnsSchema),
  max_table_nesting: Type.Optional(Type.Integer({ minimum: 0, description: 'Nesting depth below which objects/lists become columns/child tables; deeper data is kept as json.' })),
  selected: Type.Optional(Type.Boolean({ description: 'false: only feeds child resources, not loaded itself.' })),
  parallelized: Type.Optional(Type.Boolean({ description: 'Fetch this (child) resource concurrently.' })),
  include_from_parent: Type.Optional(Type.Array(Type.String(), { description: 'Parent fields copied into each child row as _<parent>_<field>.' })),
  processing_steps: Type.Optional(Type.Array(ProcessingStepSchema)),
  schema_contract: Type.Optional(SchemaContractSchema),
  table_format: Type.Optional(Type.String()),
  file_format: Type.Optional(Type.String()),
};

export const ResourceDefaultsSchema = Type.Object(
  { ...resourceBase, name: Type.Optional(Type.String()) },
  { ...closed, description: 'Defaults merged into every resource.' },
);

export const EndpointResourceSchema = Type.Object(
  { name: Type.String({ description: 'Resource name (and default table name).' }), ...resourceBase },
  { ...closed, description: 'A resource: one endpoint, one table.' },
);

export type WriteDispositionConfig = Static<typeof WriteDispositionSchema>;
export type ColumnHintConfig = Static<typeof ColumnHintSchema>;
export type ColumnsConfig = Static<typeof ColumnsSchema>;
export type SchemaContractConfig = Static<typeof SchemaContractSchema>;
export type ResolveParamConfig = Static<typeof ResolveParamSchema>;
export type IncrementalParamConfig = Static<typeof IncrementalParamSchema>;
export type IncrementalConfig = Static<typeof IncrementalConfigSchema>;
export type ResponseActionConfig = Static<typeof ResponseActionSchema>;
export type ProcessingStepConfig = Static<typeof ProcessingStepSchema>;
export type EndpointConfig = Static<typeof EndpointSchema>;
export type EndpointResourceConfig = Static<typeof EndpointResourceSchema>;
export type ResourceDefaultsConfig = Static<typeof ResourceDefaultsSchema>;
export type ModuleRefConfig = Static<typeof ModuleRef>;
