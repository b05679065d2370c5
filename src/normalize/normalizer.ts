import { RestloadError } from '../common/errors.js';
import type { ColumnHintConfig } from '../config/schema/index.js';
import type { SchemaContract, WriteDispositionSpec } from '../config/model.js';
import { makePath, normalizePath, normalizeTablesPath, shortenFragments as shorten } from './naming/snake-case.js';
import { keyHashRowId, nestedRowId, randomRowId } from './row-id.js';
import type { ColumnSchema, StoredSchema, TableSchema } from './schema.js';
import { coerceValue } from './types/coerce.js';
import type { DataType } from './types/data-type.js';
import { inferType } from './types/infer.js';

/** What the normalizer needs to know about the resource an item came from. */
export interface TableTarget {
  resource: string;
  /** Table name as configured; normalized here. */
  tableName: string;
  writeDisposition: WriteDispositionSpec;
  primaryKey?: string[];
  mergeKey?: string[];
  columns: Record<string, ColumnHintConfig>;
  maxTableNesting?: number;
  contract: SchemaContract;
  rootKey: boolean;
}

/** Where normalized rows go: one call per row, already typed and named. */
export interface RowSink {
  write(table: string, row: Record<string, unknown>): void;
}

/** A frozen schema contract was violated: the run fails and nothing is loaded. */
export class ContractViolation extends RestloadError {
  constructor(message: string, readonly table: string, readonly column?: string) {
    super(message, { code: 'CONTRACT', hint: 'relax schema_contract for this resource, or fix the data' });
  }
}

const DEFAULT_NESTING = 1000;
const NO_DETECTIONS: readonly never[] = [];

interface RootState {
  table: string;
  target: TableTarget;
  nesting: number;
  propagateRootKey: boolean;
  upsertKeys?: string[];
}

/**
 * dlt's relational normalizer: flattens nested objects into `a__b` columns,
 * moves lists into nested tables linked by `_dlt_parent_id`/`_dlt_list_idx`,
 * types every value against the schema (adding columns, coercing, or moving a
 * value that does not fit into a variant column), and hands each row to the
 * sink. Schema decisions are cached per table and column, so the per-value
 * work is a map lookup and a type check.
 */
export class Normalizer {
  private readonly roots = new Map<string, RootState>();
  private readonly hadDataTables: boolean;
  /** Column hints without a data_type, keyed `table.column`: applied when the column first appears. */
  private readonly pendingHints = new Map<string, ColumnSchema>();
  /** Rows written per table in this run. */
  readonly rowCounts: Record<string, number> = {};
  /** Tables and columns created in this run (for the trace and warnings). */
  readonly newColumns: { table: string; column: string; variant: boolean }[] = [];

  constructor(readonly schema: StoredSchema, private readonly loadId: string, private readonly sink: RowSink) {
    this.hadDataTables = Object.values(schema.tables).some((t) => t['x-normalizer']?.seen_data);
  }

  /** Declares a resource's root table with its hints; call before its items arrive. */
  registerResource(target: TableTarget): string {
    const table = normalizeTablesPath(target.tableName);
    const strategy = target.writeDisposition.disposition === 'merge' ? target.writeDisposition.strategy ?? 'delete-insert' : undefined;
    let t = this.schema.tables[table];
    if (!t) {
      this.checkContract(target.contract.tables, table, undefined, `new table "${table}"`, false);
      t = this.schema.tables[table] = { name: table, columns: {}, resource: target.resource };
    }
    t.write_disposition = target.writeDisposition.disposition;
    if (strategy) t['x-merge-strategy'] = strategy;
    else delete t['x-merge-strategy'];
    t.resource = target.resource;
    const hinted = (name: string) => normalizePath(name);
    for (const [name, hint] of Object.entries(target.columns)) {
      const col = hinted(name);
      const existing = t.columns[col];
      const merged = { ...existing, ...hintToColumn(col, hint) } as ColumnSchema;
      if (merged.data_type) t.columns[col] = merged;
      else if (existing) t.columns[col] = { ...existing, ...merged };
      else this.pendingHints.set(`${table}.${col}`, merged);
    }
    for (const [key, flag] of [[target.primaryKey, 'primary_key'], [target.mergeKey, 'merge_key']] as const) {
      for (const k of key ?? []) {
        const col = hinted(k);
        if (t.columns[col]) {
          t.columns[col] = { ...t.columns[col]!, [flag]: true, nullable: false };
        } else {
          this.pendingHints.set(`${table}.${col}`, { ...(this.pendingHints.get(`${table}.${col}`) ?? {}), [flag]: true, nullable: false } as ColumnSchema);
        }
      }
    }
    // A resource's key columns lose their flag when the config no longer names them.
    for (const col of Object.values(t.columns)) {
      if (col.primary_key && !target.primaryKey?.some((k) => hinted(k) === col.name)) delete col.primary_key;
      if (col.merge_key && !target.mergeKey?.some((k) => hinted(k) === col.name)) delete col.merge_key;
    }
    const propagateRootKey = target.rootKey || strategy === 'delete-insert' || strategy === 'upsert';
    this.roots.set(target.resource, {
      table,
      target,
      nesting: target.maxTableNesting ?? DEFAULT_NESTING,
      propagateRootKey,
      upsertKeys: strategy === 'upsert' ? (target.primaryKey ?? []).map(hinted) : undefined,
    });
    if (t['x-normalizer']?.max_nesting !== target.maxTableNesting) {
      if (target.maxTableNesting === undefined) {
        if (t['x-normalizer']) delete t['x-normalizer'].max_nesting;
      } else t['x-normalizer'] = { ...t['x-normalizer'], max_nesting: target.maxTableNesting };
    }
    return table;
  }

  /** The normalized root table name of a registered resource. */
  tableOf(resource: string): string {
    return this.roots.get(resource)!.table;
  }

  /** Normalizes a page of items of one resource. */
  normalize(resource: string, items: readonly unknown[]): void {
    const root = this.roots.get(resource);
    if (!root) throw new Error(`resource ${resource} was not registered`);
    for (const item of items) {
      const dict = item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : { value: item };
      this.normalizeRow(root, dict, root.table, undefined, undefined, undefined, root.nesting, undefined);
    }
  }

  private normalizeRow(
    root: RootState, dict: Record<string, unknown>, table: string, parentTable: string | undefined,
    parentId: string | undefined, pos: number | undefined, level: number, rootId: string | undefined,
  ): void {
    const flat: Record<string, unknown> = {};
    const lists: [string, unknown[]][] = [];
    this.flatten(dict, table, level, '', flat, lists);
    const isRoot = parentId === undefined;
    let rowId: string;
    if (isRoot) {
      flat._dlt_load_id = this.loadId;
      rowId = typeof flat._dlt_id === 'string' && flat._dlt_id ? flat._dlt_id : root.upsertKeys ? keyHashRowId(flat, root.upsertKeys) : randomRowId();
    } else {
      rowId = nestedRowId(parentId, table, pos!);
      flat._dlt_parent_id = parentId;
      flat._dlt_list_idx = pos;
      if (root.propagateRootKey) flat._dlt_root_id = rootId;
    }
    flat._dlt_id = rowId;
    const typed = this.typeRow(root, table, flat, parentTable);
    if (typed) this.emit(table, typed);
    else return; // discard_row drops the row and everything nested in it
    const childRoot = rootId ?? rowId;
    for (const [name, list] of lists) {
      const childTable = shortenFragments(table, name);
      this.normalizeList(root, list, childTable, table, rowId, level - 1, childRoot);
    }
  }

  private normalizeList(root: RootState, list: unknown[], table: string, parentTable: string, parentId: string, level: number, rootId: string): void {
    for (let idx = 0; idx < list.length; idx++) {
      const v = list[idx];
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        this.normalizeRow(root, v as Record<string, unknown>, table, parentTable, parentId, idx, level, rootId);
      } else if (Array.isArray(v)) {
        // A list inside a list: dlt wraps it as {"list": v}, one level deeper.
        this.normalizeRow(root, { list: v }, table, parentTable, parentId, idx, level - 1, rootId);
      } else {
        const row: Record<string, unknown> = { value: v, _dlt_parent_id: parentId, _dlt_list_idx: idx };
        if (root.propagateRootKey) row._dlt_root_id = rootId;
        row._dlt_id = nestedRowId(parentId, table, idx);
        const typed = this.typeRow(root, table, row, parentTable);
        if (typed) this.emit(table, typed);
      }
    }
  }

  /** dlt's _flatten: objects become `a__b` columns and lists become nested tables, until nesting runs out. */
  private flatten(obj: Record<string, unknown>, table: string, level: number, prefix: string, out: Record<string, unknown>, lists: [string, unknown[]][]): void {
    for (const k in obj) {
      const v = obj[k];
      if (v === undefined) continue;
      const normK = k && k.trim() ? normalizePath(k) : '_empty';
      const name = prefix ? shortenFragments(prefix, normK) : normK;
      if (v !== null && typeof v === 'object' && level > 0 && !this.isJsonColumn(table, name)) {
        if (Array.isArray(v)) {
          lists.push([prefix ? makePath(prefix, normalizeTablesPath(k)) : normalizeTablesPath(k), v]);
        } else {
          this.flatten(v as Record<string, unknown>, table, level - 1, prefix ? makePath(prefix, normK) : normK, out, lists);
        }
        continue;
      }
      out[name] = v;
    }
  }

  private isJsonColumn(table: string, column: string): boolean {
    return this.schema.tables[table]?.columns[column]?.data_type === 'json' || this.pendingHints.get(`${table}.${column}`)?.data_type === 'json';
  }

  /** Types each value against its column; returns undefined when the row is discarded by the contract. */
  private typeRow(root: RootState, tableName: string, row: Record<string, unknown>, parentTable: string | undefined): Record<string, unknown> | undefined {
    let table = this.schema.tables[tableName];
    if (!table) {
      table = this.schema.tables[tableName] = parentTable ? { name: tableName, columns: {}, parent: parentTable } : { name: tableName, columns: {} };
    }
    const contract = root.target.contract;
    const seen = table['x-normalizer']?.seen_data === true;
    const out: Record<string, unknown> = {};
    for (const name in row) {
      let value = row[name];
      if (value === null || value === undefined) continue;
      const pyType = inferType(value, NO_DETECTIONS)!;
      let col = table.columns[name];
      if (!col) {
        const pending = this.pendingHints.get(`${tableName}.${name}`);
        const dataType: DataType = pending?.data_type ?? inferType(value)!;
        const verdict = seen ? this.checkContract(contract.columns, tableName, name, `new column "${name}" (${dataType})`, true) : 'evolve';
        if (verdict === 'discard_row') return undefined;
        if (verdict === 'discard_value') continue;
        col = { name, data_type: dataType, nullable: true, ...systemHints(name), ...(pending ?? {}) } as ColumnSchema;
        this.pendingHints.delete(`${tableName}.${name}`);
        table.columns[name] = col;
        this.newColumns.push({ table: tableName, column: name, variant: false });
      }
      if (col.data_type === pyType) {
        out[name] = value;
        continue;
      }
      const c = coerceValue(col.data_type, pyType, value);
      if (c.ok) {
        out[name] = c.value;
        continue;
      }
      const verdict = seen ? this.checkContract(contract.data_type, tableName, name, `value of type ${pyType} in column "${name}" (${col.data_type})`, true) : 'evolve';
      if (verdict === 'discard_row') return undefined;
      if (verdict === 'discard_value') continue;
      const variant = shortenFragments(name, `v_${pyType}`);
      if (!table.columns[variant]) {
        table.columns[variant] = { name: variant, data_type: pyType, nullable: true, variant: true };
        this.newColumns.push({ table: tableName, column: variant, variant: true });
      }
      out[variant] = value;
    }
    return out;
  }

  private checkContract(mode: SchemaContract['tables'], table: string, column: string | undefined, what: string, applies: boolean): SchemaContract['tables'] {
    if (mode === 'evolve') return mode;
    if (!applies && !this.hadDataTables) return 'evolve';
    if (mode === 'freeze') {
      throw new ContractViolation(`schema contract "freeze" forbids ${what} in table "${table}"`, table, column);
    }
    return mode;
  }

  private emit(table: string, row: Record<string, unknown>): void {
    this.rowCounts[table] = (this.rowCounts[table] ?? 0) + 1;
    const t = this.schema.tables[table]!;
    if (!t['x-normalizer']?.seen_data) t['x-normalizer'] = { ...t['x-normalizer'], seen_data: true };
    this.sink.write(table, row);
  }
}


function hintToColumn(name: string, hint: ColumnHintConfig): Partial<ColumnSchema> {
  const c: Partial<ColumnSchema> = { name };
  for (const [k, v] of Object.entries(hint)) if (k !== 'name' && v !== undefined) (c as Record<string, unknown>)[k] = v;
  if (c.nullable === undefined && c.data_type) c.nullable = !(c.primary_key ?? false);
  return c;
}

function systemHints(name: string): Partial<ColumnSchema> {
  switch (name) {
    case '_dlt_id': return { nullable: false, unique: true, row_key: true };
    case '_dlt_parent_id': return { nullable: false, parent_key: true };
    case '_dlt_root_id': return { nullable: false, root_key: true };
    case '_dlt_list_idx':
    case '_dlt_load_id': return { nullable: false };
    default: return {};
  }
}

function shortenFragments(...parts: string[]): string {
  return shorten(parts);
}
