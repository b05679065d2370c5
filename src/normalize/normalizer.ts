import type { RunWarning } from '../common/run-warning.js';
import { RestloadError, UsageError, unknownValueMessage } from '../common/errors.js';
import type { ColumnHintConfig } from '../config/schema/index.js';
import type { ContractMode, SchemaContract, TableHints } from '../config/model.js';
import { DEFAULT_MAX_LENGTH, normalizePath, normalizeTablesPath, shortenFragments, shortenIdentifier } from './naming/snake-case.js';
import { keyHashRowId, nestedRowId, randomRowId, rowHashRowId } from './row-id.js';
import {
  isComplete, isNewTable, upgradeSchema,
  type ColumnSchema, type StoredSchema, type TableSchema,
} from './schema.js';
import { canCoerce, coerceValue } from './types/coerce.js';
import { FAIL } from './types/coerce-result.js';
import { DATA_TYPES, isDataType, type DataType } from './types/data-type.js';
import { inferType, valueType } from './types/infer.js';
import { pyStrip } from './types/py-text.js';
import { b64Encode } from './types/binary.js';
import { newObjectPlan, rowTemplate, type KeyPlan, type ObjectPlan, type TableNode, type TablePlan } from './row-plan.js';

/** What the normalizer needs to know about the resource an item came from. */
export interface TableTarget extends TableHints {
  resource: string;
  /** The resolved contract of the resource (the resource's own, else the source's). */
  contract: SchemaContract;
  /**
   * true: `_dlt_root_id` goes to nested tables whatever the disposition
   * (dlt's `root_key=True`); otherwise only where merge needs it.
   */
  rootKey?: boolean;
  /** The incremental cursor when it is a plain field: dlt marks that column `incremental: true`. */
  incrementalCursor?: string;
}

/** Where normalized rows go: one call per row, already typed and named. */
export interface RowSink {
  write(table: string, row: Record<string, unknown>): void;
}

export interface NormalizerOptions {
  /** Walk items with cached row plans when they fit the schema (default true; false: the full dlt path for every row). */
  rowPlans?: boolean;
}

/**
 * A schema contract was violated in `freeze` mode (dlt's DataValidationError):
 * the run fails and nothing is loaded. The message names the table, the
 * column and the type of the offending value.
 */
export class ContractViolation extends RestloadError {
  constructor(
    message: string,
    readonly table: string,
    readonly column: string | undefined,
    readonly entity: 'tables' | 'columns' | 'data_type',
    readonly valueType?: string,
  ) {
    super(message, { code: 'CONTRACT', hint: 'relax schema_contract for this resource, or fix the data' });
  }
}

/** A value does not fit the schema in a way dlt also refuses (NULL in a NOT NULL column, a key missing...). */
export class SchemaDataError extends RestloadError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'SCHEMA_DATA', hint });
  }
}

const DEFAULT_NESTING = 1000;
const EVOLVE: SchemaContract = { tables: 'evolve', columns: 'evolve', data_type: 'evolve' };
const NOT_NULL = new Set(['_dlt_id', '_dlt_root_id', '_dlt_parent_id', '_dlt_list_idx', '_dlt_load_id']);
/** dlt's `TColumnType` properties: a change of any of them on an existing column is a data_type change. */
const TYPE_PROPS = ['data_type', 'nullable', 'precision', 'scale', 'timezone'] as const;
/** dlt's compound column properties: the resource's hints replace them rather than add to them. */
const COMPOUND_PROPS = ['primary_key', 'merge_key', 'partition', 'cluster'] as const;
const DEFAULT_VALIDITY = ['_dlt_valid_from', '_dlt_valid_to'] as const;

type RowIdType = 'random' | 'key_hash' | 'row_hash';
interface RowIdSpec {
  type: RowIdType;
  keys: string[];
}

interface RootState {
  target: TableTarget;
  table: string;
  /** The root table's place in the tree of tables this resource writes. */
  node: TableNode;
  nesting: number;
  /** The resource's hints were merged into the schema (dlt does it when the first item arrives). */
  materialized: boolean;
}

type Row = Record<string, unknown>;
type Filter = ['tables' | 'columns', string, ContractMode];

/**
 * dlt's relational normalizer and JSON items normalizer, ported: flattens
 * nested objects into `a__b` columns (in dlt's stack order), moves lists into
 * nested tables linked by `_dlt_parent_id`/`_dlt_list_idx` (and
 * `_dlt_root_id` where the root key propagates), types every value against
 * the schema (adding columns, coercing, or moving a value that does not fit
 * into a variant column `<col>__v_<type>`), applies the schema contract, and
 * hands each row to the sink. The resource's hints (columns, keys, write
 * disposition, scd2 validity columns) enter the schema when its first item
 * arrives, as in dlt's extract step.
 */
export class Normalizer {
  private readonly roots = new Map<string, RootState>();
  /** Rows written per table in this run. */
  readonly rowCounts: Record<string, number> = {};
  /** Tables and columns created in this run (for the trace and warnings). */
  readonly newColumns: { table: string; column: string; variant: boolean }[] = [];
  /** Things dlt does silently that a user may want to know (keys that normalize to one column...). */
  readonly warnings: RunWarning[] = [];
  private readonly warned = new Set<string>();
  /** Tables whose columns may evolve in this run whatever the contract (dlt's `evolve-columns-once`). */
  private readonly evolveOnce = new Set<string>();
  private readonly filteredTables = new Set<string>();
  private readonly filteredColumns = new Map<string, Map<string, ContractMode>>();
  /** Per root table: how its row ids are made, and the key columns a key hash reads (computed once, not per row). */
  private readonly rowIdSpecs = new Map<string, RowIdSpec>();
  /** dlt's propagation mapping per table (`\u0001`-prefixed for root rows), null when nothing propagates. */
  private readonly propagation = new Map<string, [string, string][] | null>();

  /** Items normalized through row plans; the others took the full path. */
  fastItems = 0;
  /** Bumped whenever the schema, filters or propagation change: row plans re-read what they cached. */
  private version = 0;
  private readonly rowPlans: boolean;
  /** (table, row) pairs of the item the fast path is walking, written once all of it fits. */
  private readonly pending: unknown[] = [];

  constructor(readonly schema: StoredSchema, private readonly loadId: string, private readonly sink: RowSink, opts: NormalizerOptions = {}) {
    upgradeSchema(schema);
    this.rowPlans = opts.rowPlans !== false;
  }

  /** Declares a resource's root table with its hints; call before its items arrive. Returns the table name. */
  registerResource(target: TableTarget): string {
    checkHints(target);
    const table = normalizeTablesPath(target.tableName);
    const state: RootState = { target, table, node: { name: table, path: [table], parent: '', children: new Map() }, nesting: DEFAULT_NESTING, materialized: false };
    this.roots.set(target.resource, state);
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
    if (!items.length) return;
    if (!root.materialized) this.materialize(root);
    if (this.filteredTables.has(root.table)) return;
    const fast = this.rowPlans;
    for (const item of items) {
      const dict = isDict(item) ? item : { value: item };
      if (fast && this.fastItem(root, dict)) continue;
      this.normalizeRow(root, dict, undefined, root.node, undefined, undefined, root.nesting, true);
    }

  }

  // ---- the fast path: row plans (see row-plan.ts) ----

  /**
   * Normalizes one item and its nested rows through the row plans, exactly
   * as the full path would, or returns false having written nothing (the
   * caller then runs the full path, which may change the schema).
   */
  private fastItem(root: RootState, item: Row): boolean {
    const pending = this.pending;
    pending.length = 0;
    const ok = this.fastRow(root.node, item, root.nesting, undefined, 0, undefined);
    if (ok) {
      for (let i = 0; i < pending.length; i += 2) this.emit(pending[i] as string, pending[i + 1] as Row);
      this.fastItems++;
    }
    pending.length = 0;
    return ok;
  }

  /** `extend`: the columns ancestors propagate to this row (merge's `_dlt_root_id`), as in the full path. */
  private fastRow(node: TableNode, obj: Row, lvl: number, parentRowId: string | undefined, idx: number, extend: Row | undefined): boolean {
    const tp = this.tablePlan(node, lvl, parentRowId === undefined);
    if (tp === undefined) return false;
    const lists: unknown[] = [];
    // A clone of the template: a fast-mode object whose properties all exist (measured: 15 µs a row
    // against 27 µs for an object grown key by key, which V8 turns into a dictionary past a dozen keys).
    const row: Row = tp.template === undefined ? {} : { ...tp.template };
    if (!this.fastObject(tp, row, tp.top, obj, lists)) return false;
    let rowId: string;
    if (parentRowId === undefined) {
      const keys = tp.keyColumns;
      if (keys === undefined) rowId = randomRowId();
      else if (keys.length === 0) rowId = rowHashRowId(obj); // scd2: the whole item's hash
      else {
        // upsert / insert-only: the hash of the key values, which fastObject left uncoerced.
        for (const k of keys) if (row[k] === undefined) return false;
        rowId = keyHashRowId(row, keys);
      }
      row._dlt_load_id = this.loadId;
    } else {
      rowId = nestedRowId(parentRowId, node.name, idx);
      row._dlt_parent_id = parentRowId;
      row._dlt_list_idx = idx;
    }
    row._dlt_id = rowId;
    if (extend !== undefined) {
      const columns = this.schema.tables[tp.table]!.columns;
      for (const k in extend) {
        if (columns[k]?.data_type !== 'text') return false;
        row[k] = extend[k];
      }
    }
    // Only `_dlt_id` is propagated on this path (fastEligible): the row's id under the mapped names.
    if (tp.propagation !== null) {
      extend = extend === undefined ? {} : { ...extend };
      for (const [, as] of tp.propagation) extend[as] = rowId;
    }
    this.pending.push(node.name, row);
    for (let i = 0; i < lists.length; i += 2) {
      const child = lists[i] as TableNode;
      const seq = lists[i + 1] as unknown[];
      for (let j = 0; j < seq.length; j++) {
        const v = seq[j];
        if (Array.isArray(v)) return false;
        if (!this.fastRow(child, isDict(v) ? v : { value: v }, lvl - 1, rowId, j, extend)) return false;
      }
    }
    return true;
  }

  /** dlt's `_flatten` and `_coerce_row` in one walk, filling `row`; false when the full path is needed. */
  private fastObject(tp: TablePlan, row: Row, op: ObjectPlan, obj: Row, lists: unknown[]): boolean {
    for (const k in obj) {
      const v = obj[k];
      if (v === undefined) continue;
      let kp = op.keys.get(k);
      if (kp === undefined) {
        kp = this.newKeyPlan(tp, op, k);
        if (tp.broken) return false;
      }
      if (kp.version !== this.version) this.refreshKeyPlan(tp, op, kp);
      if (v === null) {
        if (kp.notNull) return false;
        continue;
      }
      let py: DataType | undefined;
      if (typeof v === 'object') {
        const array = Array.isArray(v);
        if (!array && !isDict(v)) return false;
        if (!kp.whole) {
          if (array) {
            const child = kp.list ?? this.listPlan(tp, op, k, kp);
            if (child === undefined) return false;
            lists.push(child, v);
          } else {
            const nested = (kp.object ??= newObjectPlan(op.prefix ? `${op.prefix}__${keyName(k)}` : keyName(k), [...op.path, keyName(k)], op.lvl - 1));
            if (!this.fastObject(tp, row, nested, v as Row, lists)) return false;
          }
          continue;
        }
        py = 'json';
      } else {
        // What JSON.parse yields; a bigint (written as a string), a function or a symbol takes the full path.
        const t = typeof v;
        if (t !== 'string' && t !== 'number' && t !== 'boolean') return false;
        py = valueType(v)!;
      }
      const col = kp.col;
      if (col === undefined) return false;
      if (py === col.data_type) {
        row[kp.name] = v;
        continue;
      }
      if (!canCoerce(col.data_type, py)) return false;
      // A key hashed into the row id is hashed as it came (the full path hashes before coercing).
      if (tp.keyColumns?.includes(kp.name)) return false;
      const c = coerceValue(col.data_type, py, v);
      if (!c.ok) return false;
      row[kp.name] = wireValue(c.value);
    }
    return true;
  }

  /** The plans of a table's rows, or undefined when its rows must take the full path now. */
  private tablePlan(node: TableNode, lvl: number, isRoot: boolean): TablePlan | undefined {
    let tp = node.plan;
    if (tp === undefined) {
      tp = node.plan = { node, table: node.name, lvl, top: newObjectPlan('', [], lvl), producers: new Map(), broken: false, version: -1, eligible: false, template: undefined, propagation: null, keyColumns: undefined };
    }
    if (tp.lvl !== lvl || tp.broken) return undefined;
    if (tp.version !== this.version) {
      tp.version = this.version;
      tp.eligible = this.fastEligible(tp.table, isRoot);
      tp.propagation = this.propagationOf(tp.table, isRoot);
      tp.keyColumns = isRoot ? this.hashedIdColumns(tp.table) : undefined;
      tp.template = tp.eligible ? rowTemplate(this.schema.tables[tp.table]!) : undefined;
    }
    return tp.eligible ? tp : undefined;
  }

  /** What the fast path leaves to the full one: filters, propagation of data columns, hashed root ids, untyped dlt columns. */
  private fastEligible(table: string, isRoot: boolean): boolean {
    const t = this.schema.tables[table];
    if (!t || this.filteredTables.has(table) || this.filteredColumns.has(table)) return false;
    // merge's root key (`_dlt_id` → `_dlt_root_id`) is handled; a data column may be null or absent, which only the full path tells apart.
    if (this.propagationOf(table, isRoot)?.some(([from]) => from !== '_dlt_id')) return false;
    const typed = (name: string, type: DataType) => t.columns[name]?.data_type === type;
    if (isRoot) return typed('_dlt_load_id', 'text') && typed('_dlt_id', 'text');
    return !!t.parent && typed('_dlt_parent_id', 'text') && typed('_dlt_list_idx', 'bigint') && typed('_dlt_id', 'text');
  }

  /** For the root row id: undefined (random), the primary key columns (upsert's key hash), or [] (scd2's item hash). */
  private hashedIdColumns(table: string): string[] | undefined {
    const { type, keys } = this.rowIdSpec(table);
    return type === 'random' ? undefined : keys;
  }

  private newKeyPlan(tp: TablePlan, op: ObjectPlan, k: string): KeyPlan {
    const normK = keyName(k);
    const name = op.prefix ? joinName(op.prefix, normK) : normK;
    const kp: KeyPlan = { name, version: -1, col: undefined, whole: false, notNull: false };
    op.keys.set(k, kp);
    // A key that lands on a dlt column, or on a column another key fills, is for the full path (it warns, and the last one wins).
    if (name.startsWith('_dlt') || (tp.producers.get(name) ?? kp) !== kp) tp.broken = true;
    tp.producers.set(name, kp);
    return kp;
  }

  private refreshKeyPlan(tp: TablePlan, op: ObjectPlan, kp: KeyPlan): void {
    const c = this.schema.tables[tp.table]?.columns[kp.name];
    const complete = isComplete(c);
    kp.col = complete ? c : undefined;
    kp.whole = op.lvl <= 0 || c?.data_type === 'json';
    kp.notNull = complete ? c.nullable === false : !c && NOT_NULL.has(kp.name);
    kp.version = this.version;
  }

  /** The nested table of a list key; undefined (and the table's plans broken) when two keys name the same nested table. */
  private listPlan(tp: TablePlan, op: ObjectPlan, k: string, kp: KeyPlan): TableNode | undefined {
    const listPath = [...op.path, tableKeyName(k)];
    const key = listPath.join('\u0000');
    const producer = `\u0001${key}`;
    if ((tp.producers.get(producer) ?? kp) !== kp) {
      tp.broken = true;
      return undefined;
    }
    tp.producers.set(producer, kp);
    return (kp.list = childNode(tp.node, key, listPath));
  }

  // ---- the resource's table hints (dlt's extract: compute_table_schema + _compute_and_update_tables) ----

  private materialize(root: RootState): void {
    root.materialized = true;
    this.version++;
    const { target, table } = root;
    const hints = this.hintTable(target, table);
    const contract = target.contract;
    if (contract.columns !== 'evolve' && isNewTable(this.schema, table)) this.evolveOnce.add(table);
    const filters: Filter[] = [];
    const partial = this.applyContract(contract, hints, filters);
    this.addFilters(table, filters);
    if (partial) this.updateTable(partial, false);
    // The contract comes from the config on every run: one removed there is removed from the schema too.
    if (sameContract(contract, EVOLVE) && this.schema.tables[table]) delete this.schema.tables[table]!.schema_contract;
    this.updatePropagation(table, target.rootKey);
    // dlt's get_table_nesting_level: the root table's max_nesting, else the source's (normalizer config), else 1000.
    root.nesting = this.schema.tables[table]?.['x-normalizer']?.max_nesting ?? this.schema.normalizers.json.config?.max_nesting ?? DEFAULT_NESTING;
  }

  /** dlt's `DltResourceHints.compute_table_schema`: the table as the resource's hints describe it. */
  private hintTable(target: TableTarget, table: string): TableSchema {
    const columns: Record<string, ColumnSchema> = {};
    for (const [name, hint] of Object.entries(target.columns)) {
      const col = normalizePath(name);
      columns[col] = { ...columns[col], ...hintToColumn(col, hint) };
    }
    const mergeKey = (prop: 'primary_key' | 'merge_key', keys: string[] | undefined) => {
      if (keys === undefined) return;
      for (const c of Object.values(columns)) delete c[prop];
      for (const k of keys) {
        const col = normalizePath(k);
        const existing = columns[col];
        if (existing) {
          existing[prop] = true;
          existing.nullable = existing.nullable ?? false;
        } else {
          columns[col] = { name: col, nullable: false, [prop]: true };
        }
      }
    };
    mergeKey('primary_key', target.primaryKey);
    mergeKey('merge_key', target.mergeKey);
    const wd = target.writeDisposition;
    const t: TableSchema = { name: table, columns, write_disposition: wd.disposition, resource: target.resource };
    if (wd.disposition === 'merge') {
      if (wd.strategy) t['x-merge-strategy'] = wd.strategy;
      if (wd.strategy === 'scd2') {
        if (wd.boundaryTimestamp !== undefined) t['x-boundary-timestamp'] = wd.boundaryTimestamp;
        const [from, to] = (wd.validityColumnNames ?? DEFAULT_VALIDITY).map((n) => normalizePath(n));
        columns[from!] = { name: from!, data_type: 'timestamp', nullable: true, 'x-valid-from': true };
        columns[to!] = { name: to!, data_type: 'timestamp', nullable: true, 'x-valid-to': true, 'x-active-record-timestamp': wd.activeRecordTimestamp ?? null };
        const hash = normalizePath(wd.rowVersionColumnName ?? '_dlt_id');
        columns[hash] = { ...columns[hash], name: hash, nullable: false, 'x-row-version': true, unique: false, row_key: false };
      }
    }
    if (target.incrementalCursor) {
      const col = normalizePath(target.incrementalCursor);
      columns[col] = { ...(columns[col] ?? { name: col }), incremental: true };
    }
    if (!sameContract(target.contract, EVOLVE)) t.schema_contract = { ...target.contract };
    if (target.maxTableNesting !== undefined) t['x-normalizer'] = { max_nesting: target.maxTableNesting };
    return t;
  }

  /**
   * dlt's `extend_table`: the root key propagates to nested tables when merge
   * needs it (delete-insert, upsert), when `root_key` is set, or once it did
   * (the propagation is kept in the schema's normalizer config).
   */
  private updatePropagation(table: string, rootKey: boolean | undefined): void {
    const t = this.schema.tables[table];
    if (!t) return;
    const strategy = mergeStrategy(t);
    const requires = rootKey === true || strategy === 'delete-insert' || strategy === 'upsert' || strategy === 'insert-only';
    if (!requires) return;
    const json = this.schema.normalizers.json;
    const config = (json.config ??= {});
    const propagation = (config.propagation ??= {});
    (propagation.tables ??= {})[table] = { _dlt_id: '_dlt_root_id' };
    if (rootKey === true) config.root_key_propagation = true;
    this.propagation.clear();
    this.version++;
  }

  // ---- relational normalizer (dlt/common/normalizers/json/relational.py) ----

  private normalizeRow(root: RootState, dictRow: Row, extend: Row | undefined, node: TableNode, parentRowId: string | undefined, pos: number | undefined, lvl: number, isRoot: boolean): void {
    const table = node.name;
    const [flat, lists] = this.flatten(table, dictRow, lvl, root.target.resource);
    if (extend) Object.assign(flat, extend);
    isRoot = isRoot || !this.shouldBeNested(table);
    if (isRoot) flat._dlt_load_id = this.loadId;
    let rowId = flat._dlt_id;
    if (!rowId) rowId = this.addRowId(table, dictRow, flat, parentRowId, pos, isRoot);
    const propagated = this.propagated(table, flat, isRoot);
    if (propagated) extend = extend ? { ...extend, ...propagated } : propagated;
    if (!this.processRow(root, table, node.parent, flat)) return;
    if (lists === undefined) return;
    for (const [key, [path, list]] of lists) this.normalizeList(root, list, extend, childNode(node, key, path), rowId as string, lvl - 1);
  }

  private normalizeList(root: RootState, seq: unknown[], extend: Row | undefined, node: TableNode, parentRowId: string, lvl: number): void {
    const table = node.name;
    const isRoot = !this.shouldBeNested(table);
    for (let idx = 0; idx < seq.length; idx++) {
      const v = seq[idx];
      if (isDict(v)) {
        this.normalizeRow(root, v, extend, node, parentRowId, idx, lvl, false);
      } else if (Array.isArray(v)) {
        // A list inside a list: dlt wraps it as {"list": v}, one level deeper.
        this.normalizeRow(root, { list: v }, extend, node, parentRowId, idx, lvl - 1, false);
      } else {
        const wrap: Row = { value: v };
        if (extend) Object.assign(wrap, extend);
        this.addRowId(table, wrap, wrap, parentRowId, idx, isRoot);
        this.processRow(root, table, node.parent, wrap);
      }
    }
  }

  /**
   * dlt's `_flatten`: objects become `a__b` columns and lists become nested
   * tables, until the nesting level runs out (deeper data stays as `json`).
   * Nested objects are visited after their parent's keys, last one first (a
   * stack), which decides column order and which of two keys that normalize
   * to the same name wins (the one written last). Lists are returned by
   * their path (normalized key fragments), the later of two equal paths
   * winning, as in dlt's dict.
   */
  private flatten(table: string, dictRow: Row, lvl: number, resource: string): [Row, Map<string, [string[], unknown[]]> | undefined] {
    const out: Row = {};
    let lists: Map<string, [string[], unknown[]]> | undefined;
    const stack: [Row, number, string[], string][] = [[dictRow, lvl, [], '']];
    while (stack.length) {
      const [cur, r, path, prefix] = stack.pop()!;
      for (const k in cur) {
        const v = cur[k];
        if (v === undefined) continue;
        const normK = keyName(k);
        const nestedName = prefix ? joinName(prefix, normK) : normK;
        if (v !== null && typeof v === 'object') {
          if (Array.isArray(v)) {
            if (!this.isNestedType(table, nestedName, r)) {
              const listPath = [...path, tableKeyName(k)];
              const key = listPath.join('\u0000');
              lists ??= new Map();
              if (lists.has(key)) this.warnCollision(resource, table, shortenFragments([table, ...listPath]), 'table', dictRow, lvl);
              lists.set(key, [listPath, v]);
              continue;
            }
          } else if (isDict(v) && !this.isNestedType(table, nestedName, r)) {
            stack.push([v, r - 1, [...path, normK], prefix ? `${prefix}__${normK}` : normK]);
            continue;
          }
        }
        if (nestedName in out) this.warnCollision(resource, table, nestedName, 'column', dictRow, lvl);
        out[nestedName] = v;
      }
    }
    return [out, lists];
  }

  private warnCollision(resource: string, table: string, name: string, kind: 'column' | 'table', dictRow: Row, lvl: number): void {
    const what = kind === 'column' ? `${table}.${name}` : name;
    if (this.warned.has(what)) return;
    this.warned.add(what);
    // Found again only now, on the first collision: the flattening loop keeps no key paths.
    const keys = kind === 'column' ? collidingKeys(dictRow, name, lvl) : [];
    this.warnings.push({
      code: 'KEY_COLLISION', resource,
      message: `${keys.length > 1 ? `keys ${keys.map((k) => `"${k}"`).join(' and ')}` : 'two keys'} normalize to the same ${kind} ${what}: as in dlt, the value of the one read last is kept`,
      hint: 'rename one of them in a processing_steps map, or keep both by loading the object as json (columns: {<key>: {data_type: json}})',
    });
  }


  /** dlt's `is_nested_type`: past the nesting level, or a column typed json, a value stays whole. */
  private isNestedType(table: string, column: string, lvl: number): boolean {
    if (lvl <= 0) return true;
    return this.schema.tables[table]?.columns[column]?.data_type === 'json';
  }

  /** dlt's `should_be_nested`: every table made by the normalizer is nested; a declared table is checked. */
  private shouldBeNested(table: string): boolean {
    const t = this.schema.tables[table];
    return t ? !!t.parent : true;
  }

  private addRowId(table: string, dictRow: Row, flat: Row, parentRowId: string | undefined, pos: number | undefined, isRoot: boolean): string {
    let rowId: string;
    if (!isRoot) {
      rowId = nestedRowId(parentRowId!, table, pos!);
      flat._dlt_parent_id = parentRowId;
      flat._dlt_list_idx = pos;
    } else {
      const { type, keys: pk } = this.rowIdSpec(table);
      if (type === 'key_hash') {
        for (const k of pk) {
          if (!(k in flat)) {
            throw new SchemaDataError(`table "${table}": a row has no value for primary key column "${k}", needed for the upsert row id`, 'every row of an upsert resource must have its primary key');
          }
        }
        rowId = keyHashRowId(flat, pk);
      } else if (type === 'row_hash') {
        rowId = rowHashRowId(dictRow);
      } else {
        rowId = randomRowId();
      }
    }
    flat._dlt_id = rowId;
    return rowId;
  }

  /** dlt's `get_root_row_id_type`, with the primary key columns a key hash reads (column order). */
  private rowIdSpec(table: string): RowIdSpec {
    let spec = this.rowIdSpecs.get(table);
    if (spec) return spec;
    const t = this.schema.tables[table];
    spec = { type: 'random', keys: [] };
    if (t) {
      const strategy = mergeStrategy(t);
      if (strategy === 'upsert' || strategy === 'insert-only') {
        spec = { type: 'key_hash', keys: Object.values(t.columns).filter((c) => c.primary_key).map((c) => c.name) };
      } else if (strategy === 'scd2') {
        const rv = Object.values(t.columns).find((c) => c['x-row-version']);
        if (rv?.name === '_dlt_id') spec = { type: 'row_hash', keys: [] };
      }
    }
    this.rowIdSpecs.set(table, spec);
    return spec;
  }

  /** The columns a table's rows pass to their nested rows (dlt's propagation config), null when none. */
  private propagationOf(table: string, isRoot: boolean): [string, string][] | null {
    const key = isRoot ? `\u0001${table}` : table;
    let mapping = this.propagation.get(key);
    if (mapping === undefined) {
      const config = this.schema.normalizers.json.config?.propagation;
      const m = { ...(isRoot ? config?.root : undefined), ...config?.tables?.[table] };
      mapping = Object.keys(m).length ? Object.entries(m) : null;
      this.propagation.set(key, mapping);
    }
    return mapping;
  }

  private propagated(table: string, row: Row, isRoot: boolean): Row | undefined {
    const mapping = this.propagationOf(table, isRoot);
    if (mapping === null) return undefined;
    let out: Row | undefined;
    for (const [from, as] of mapping) if (from in row) (out ??= {})[as] = row[from];
    return out;
  }

  // ---- items normalizer (dlt/normalize/items_normalizers/jsonl.py) ----

  /** Types, checks and writes one row; false when the row was dropped (its nested rows are then skipped). */
  private processRow(root: RootState, table: string, parentTable: string, row: Row): boolean {
    if (this.filteredTables.has(table)) return false;
    const filtered = this.filteredColumns.get(table);
    if (filtered && !filterColumns(filtered, row)) return false;
    const [typed, partial] = this.coerceRow(table, parentTable, row);
    let out = typed;
    if (partial) {
      const filters: Filter[] = [];
      const allowed = this.applyContract(root.target.contract, partial, filters, row);
      this.addFilters(table, filters);
      if (!allowed) return false;
      this.updateTable(allowed, true);
      const f = this.filteredColumns.get(table);
      if (f && filters.length && !filterColumns(f, out)) return false;
    }
    for (const k in out) out[k] = wireValue(out[k]);
    this.emit(table, out);
    return true;
  }

  /**
   * dlt's `_coerce_row`: fits each value into its column (coercing, or
   * routing it to a variant column), infers new columns, drops nulls.
   * Returns the typed row and, when the schema must change, a partial table
   * with just the new columns. The schema itself is not touched.
   */
  private coerceRow(tableName: string, parentTable: string, row: Row): [Row, TableSchema | undefined] {
    const table = this.schema.tables[tableName];
    const columns = table?.columns ?? {};
    let partial: TableSchema | undefined;
    const out: Row = {};
    for (const name in row) {
      const v = row[name];
      if (v === null || v === undefined) {
        const col = columns[name];
        if (isComplete(col) ? col.nullable === false : !col && NOT_NULL.has(name)) {
          throw new SchemaDataError(`Cannot coerce NULL in table "${tableName}" column "${name}" which is not nullable`, 'the column is a key or declared nullable: false; the data has rows without it');
        }
        continue;
      }
      const col = columns[name];
      if (isComplete(col)) {
        const py = dataTypeOf(tableName, name, v);
        if (py === col.data_type) {
          out[name] = v;
          continue;
        }
        if (canCoerce(col.data_type, py)) {
          const c = coerceValue(col.data_type, py, v);
          if (c.ok) {
            out[name] = c.value;
            continue;
          }
        }
      }
      const [newName, newCol, value] = this.coerceNonNull(columns, tableName, name, v, false);
      out[newName] = value;
      if (newCol) {
        partial ??= table ? { ...table, columns: {} } : newTable(tableName, parentTable);
        partial.columns[newName] = newCol;
      }
    }
    return [out, partial];
  }

  /** dlt's `_coerce_non_null_value`: a new column, an incomplete one getting its type, or a variant. */
  private coerceNonNull(columns: Record<string, ColumnSchema>, table: string, name: string, v: unknown, isVariant: boolean): [string, ColumnSchema | undefined, unknown] {
    let existing: ColumnSchema | undefined = columns[name];
    let newColumn: ColumnSchema | undefined;
    if (existing && !isComplete(existing)) {
      newColumn = existing;
      existing = undefined;
    }
    const py = dataTypeOf(table, name, v);
    const colType: DataType = existing ? existing.data_type! : inferType(v)!;
    const c = canCoerce(colType, py) ? coerceValue(colType, py, v) : FAIL;
    if (!c.ok) {
      if (isVariant) {
        throw new SchemaDataError(`Cannot coerce type "${py}" to "${colType}" for value ${JSON.stringify(v)?.slice(0, 100)} in table "${table}" column "${name}"`);
      }
      return this.coerceNonNull(columns, table, shortenFragments([name, `v_${py}`]), v, true);
    }
    if (!existing) {
      const inferred = inferColumn(name, colType, isVariant);
      newColumn = newColumn ? { ...inferred, ...newColumn } : inferred;
    }
    return [name, newColumn, c.value];
  }

  /**
   * dlt's `Schema.apply_schema_contract`: lets the partial table (new table,
   * new columns, variants) into the schema as far as the contract allows,
   * raising on `freeze`, else recording filters for `discard_row` and
   * `discard_value`. Returns the allowed partial, or undefined when the whole
   * table is refused.
   */
  private applyContract(contract: SchemaContract, partial: TableSchema, filters: Filter[], row?: Row): TableSchema | undefined {
    if (sameContract(contract, EVOLVE)) return partial;
    const tableName = partial.name;
    const existing = this.schema.tables[tableName];
    const isNew = !existing || isNewTable(this.schema, tableName);
    if (isNew && contract.tables !== 'evolve') {
      if (contract.tables === 'freeze') {
        throw new ContractViolation(
          `In table "${tableName}": contract on tables with mode freeze is violated: can't add table "${tableName}" because tables are frozen${evidence(row)}`,
          tableName, undefined, 'tables',
        );
      }
      filters.push(['tables', tableName, contract.tables]);
      return undefined;
    }
    let columnMode = contract.columns;
    const dataMode = contract.data_type;
    if (isNew || this.evolveOnce.has(tableName)) columnMode = 'evolve';
    for (const col of Object.values(partial.columns)) {
      const name = col.name;
      if (name.startsWith('_dlt')) continue;
      const isVariant = col.variant === true;
      const existingCol = existing?.columns[name];
      const isNewColumn = !isComplete(existingCol);
      if (columnMode !== 'evolve' && !isVariant && isNewColumn) {
        if (columnMode === 'freeze') {
          throw new ContractViolation(
            `In table "${tableName}" column "${name}": contract on columns with mode freeze is violated: can't add new column "${name}"${col.data_type ? ` of type ${col.data_type}` : ''} because columns are frozen${evidence(row)}`,
            tableName, name, 'columns', col.data_type,
          );
        }
        filters.push(['columns', name, columnMode]);
        delete partial.columns[name];
        continue;
      }
      const typeChange = !isNewColumn && !isVariant && TYPE_PROPS.some((p) => p in col && col[p] !== existingCol![p]);
      if (dataMode !== 'evolve' && (isVariant || typeChange)) {
        const base = isVariant ? name.replace(/__v_[a-z]+$/, '') : name;
        const baseType = existing?.columns[base]?.data_type;
        if (dataMode === 'freeze') {
          throw new ContractViolation(
            isVariant
              ? `In table "${tableName}" column "${base}": contract on data_type with mode freeze is violated: a value of type ${col.data_type} does not fit the column${baseType ? ` of type ${baseType}` : ''} and can't go to variant column "${name}" because data types are frozen${evidence(row)}`
              : `In table "${tableName}" column "${name}": contract on data_type with mode freeze is violated: can't change the column from ${describeType(existingCol!)} to ${describeType({ ...existingCol!, ...col })}`,
            tableName, base, 'data_type', col.data_type,
          );
        }
        filters.push(['columns', name, dataMode]);
        delete partial.columns[name];
      }
    }
    return partial;
  }

  private addFilters(table: string, filters: Filter[]): void {
    if (filters.length) this.version++;
    for (const [entity, name, mode] of filters) {
      if (entity === 'tables') this.filteredTables.add(name);
      else {
        let m = this.filteredColumns.get(table);
        if (!m) this.filteredColumns.set(table, (m = new Map()));
        m.set(name, mode);
      }
    }
  }

  /**
   * dlt's `Schema.update_table` / `merge_table`: adds or merges a partial
   * table. An incomplete column that becomes complete moves to the end (dlt
   * keeps the order in which columns got their types). With
   * `additiveKeys=false` (the resource's hints) the key hints in the partial
   * replace those of the table.
   */
  private updateTable(partial: TableSchema, additiveKeys: boolean): void {
    const name = partial.name;
    const table = this.schema.tables[name];
    if (!table) {
      this.schema.tables[name] = partial;
      for (const c of Object.values(partial.columns)) if (isComplete(c)) this.newColumns.push({ table: name, column: c.name, variant: !!c.variant });
      this.rowIdSpecs.delete(name);
      this.version++;
      return;
    }
    const columns = table.columns;
    if (!additiveKeys) {
      const props = new Set<string>();
      for (const c of Object.values(partial.columns)) for (const p of COMPOUND_PROPS) if (c[p]) props.add(p);
      for (const c of Object.values(columns)) for (const p of props) delete c[p as keyof ColumnSchema];
    }
    for (const [cn, c] of Object.entries(partial.columns)) {
      const a = columns[cn];
      if (isComplete(c)) {
        if (a && !isComplete(a)) delete columns[cn];
        if (!isComplete(a)) this.newColumns.push({ table: name, column: cn, variant: !!c.variant });
        else if (a.data_type !== c.data_type && (a.data_type !== 'json' || c.data_type !== 'json')) this.checkTypeChange(table, a, c);
      }
      columns[cn] = a ? { ...a, ...c } : c;
    }
    for (const [k, v] of Object.entries(partial)) {
      if (k === 'columns' || k === 'name') continue;
      if (k === 'x-normalizer') {
        table['x-normalizer'] = { ...table['x-normalizer'], ...(v as TableSchema['x-normalizer']) };
        continue;
      }
      (table as unknown as Record<string, unknown>)[k] = v;
    }
    this.rowIdSpecs.delete(name);
    this.version++;
  }

  /** A column's type is never silently changed: dlt would change the schema but not the table; restload stops. */
  private checkTypeChange(table: TableSchema, from: ColumnSchema, to: ColumnSchema): void {
    throw new SchemaDataError(
      `column ${table.name}.${from.name} is ${describeType(from)}; the hints now say ${describeType(to)}, and restload does not change a column's type`,
      `drop the resource (restload pipeline NAME drop ${table.resource ?? table.name}) to reload it with the new type, or remove the data_type hint`,
    );
  }

  private emit(table: string, row: Row): void {
    this.count(table);
    this.sink.write(table, row);
  }

  /** A row of the table is written: counted, and the table has seen data (dlt's `seen-data`). */
  private count(table: string): void {
    this.rowCounts[table] = (this.rowCounts[table] ?? 0) + 1;
    const t = this.schema.tables[table]!;
    const xn = t['x-normalizer'];
    if (!xn) t['x-normalizer'] = { 'seen-data': true };
    else if (!xn['seen-data']) xn['seen-data'] = true;
  }
}

/** dlt's nested table name `shorten_fragments(*parent_path, *ident_path)`, cached per parent and list key. */
function childNode(node: TableNode, key: string, listPath: string[]): TableNode {
  let c = node.children.get(key);
  if (!c) {
    const path = [...node.path, ...listPath];
    c = { name: shortenFragments(path), path, parent: node.name, children: new Map() };
    node.children.set(key, c);
  }
  return c;
}

/** A name function memoized per key (it runs for every key of every row); bounded so odd data cannot grow it forever. */
function cachedNames(normalize: (k: string) => string): (k: string) => string {
  const cache = new Map<string, string>();
  return (k) => {
    let n = cache.get(k);
    if (n === undefined) {
      n = k && pyStrip(k) ? normalize(k) : '_empty';
      if (cache.size > 100_000) cache.clear();
      cache.set(k, n);
    }
    return n;
  };
}

/** dlt: `normalize_identifier(k) if (k and not k.isspace()) else "_empty"` (a path: `a__b` stays two fragments). */
const keyName = cachedNames(normalizePath);

/** The key of a list as a nested table fragment: dlt's `normalize_table_identifier(k)`. */
const tableKeyName = cachedNames(normalizeTablesPath);

/** `shorten_fragments(*path, name)` for a flattened column, from the already joined path. */
const joinedNames = new Map<string, Map<string, string>>();

/** `prefix__name`, shortened when too long; cached because it runs for every nested key of every row. */
function joinName(prefix: string, name: string): string {
  let byName = joinedNames.get(prefix);
  if (!byName) {
    if (joinedNames.size > 10_000) joinedNames.clear();
    joinedNames.set(prefix, (byName = new Map()));
  }
  let n = byName.get(name);
  if (n === undefined) {
    const joined = `${prefix}__${name}`;
    n = joined.length > DEFAULT_MAX_LENGTH ? shortenIdentifier(joined, joined, DEFAULT_MAX_LENGTH) : joined;
    byName.set(name, n);
  }
  return n;
}

/** A typed value as the load package's JSON carries it: bigint as its digits, binary as base64. */
function wireValue(v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? b64Encode(v) : v;
}

/** `valueType`, with a value that is not data (a function, a symbol) reported by table and column. */
function dataTypeOf(table: string, column: string, v: unknown): DataType {
  const t = typeof v;
  if (t === 'function' || t === 'symbol') {
    throw new SchemaDataError(`table "${table}" column "${column}": a ${t} is not data`, 'leave it out of the row, or turn it into a value first');
  }
  return valueType(v)!;
}

const MERGE_STRATEGIES = ['delete-insert', 'upsert', 'insert-only', 'scd2'] as const;

/**
 * Hints the config schema checks but the library takes as they come: a wrong
 * merge strategy or data_type is reported before the first request, naming the
 * resource, rather than as a DuckDB error (or a merge error) after the whole run.
 */
function checkHints(target: TableTarget): void {
  const strategy = target.writeDisposition.strategy;
  if (target.writeDisposition.disposition === 'merge' && strategy !== undefined && !(MERGE_STRATEGIES as readonly string[]).includes(strategy)) {
    throw new UsageError(`resource ${target.resource}: ${unknownValueMessage('merge strategy', strategy, MERGE_STRATEGIES)}`);
  }
  for (const [name, hint] of Object.entries(target.columns)) {
    if (hint.data_type !== undefined && !isDataType(hint.data_type)) {
      throw new UsageError(`resource ${target.resource}, column ${name}: ${unknownValueMessage('data_type', hint.data_type, DATA_TYPES)}`);
    }
  }
}

function isDict(v: unknown): v is Row {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function newTable(name: string, parent: string): TableSchema {
  return parent ? { name, columns: {}, parent } : { name, columns: {} };
}

/** dlt's `_infer_column` with the schema's default hints for dlt's own columns. */
function inferColumn(name: string, dataType: DataType, isVariant: boolean): ColumnSchema {
  const c: ColumnSchema = { name, data_type: dataType, nullable: !NOT_NULL.has(name) };
  if (name === '_dlt_parent_id') c.parent_key = true;
  else if (name === '_dlt_root_id') c.root_key = true;
  else if (name === '_dlt_id') {
    c.unique = true;
    c.row_key = true;
  }
  if (isVariant) c.variant = true;
  return c;
}

/** dlt's `_filter_columns`: false when the row is discarded; discarded values are removed in place. */
function filterColumns(filters: Map<string, ContractMode>, row: Row): boolean {
  for (const [name, mode] of filters) {
    if (name in row) {
      if (mode === 'discard_row') return false;
      if (mode === 'discard_value') delete row[name];
    }
  }
  return true;
}

/** dlt's `resolve_merge_strategy` for DuckDB: merge tables default to delete-insert. */
export function mergeStrategy(t: TableSchema): string | undefined {
  if (t.write_disposition !== 'merge') return undefined;
  return t['x-merge-strategy'] ?? 'delete-insert';
}

function hintToColumn(name: string, hint: ColumnHintConfig): ColumnSchema {
  const c: ColumnSchema = { name };
  for (const [k, v] of Object.entries(hint)) if (k !== 'name' && v !== undefined) (c as unknown as Record<string, unknown>)[k] = v;
  return c;
}

function sameContract(a: SchemaContract, b: SchemaContract): boolean {
  return a.tables === b.tables && a.columns === b.columns && a.data_type === b.data_type;
}

function describeType(c: ColumnSchema): string {
  const extra = [c.precision !== undefined ? `precision ${c.precision}` : '', c.scale !== undefined ? `scale ${c.scale}` : '', c.timezone === false ? 'without time zone' : '', c.nullable === false ? 'not null' : '']
    .filter(Boolean).join(', ');
  return `${c.data_type ?? 'untyped'}${extra ? ` (${extra})` : ''}`;
}

function evidence(row: Row | undefined): string {
  if (!row) return '';
  const keys = Object.keys(row).filter((k) => !k.startsWith('_dlt'));
  return keys.length ? ` (row with ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', ...' : ''})` : '';
}

/** The key paths of `row` (dotted, as in the response) whose flattened column name is `name`. */
function collidingKeys(row: Row, name: string, lvl: number): string[] {
  const found: string[] = [];
  const walk = (cur: Row, prefix: string, path: string, r: number) => {
    for (const k in cur) {
      const v = cur[k];
      if (v === undefined) continue;
      const n = prefix ? joinName(prefix, keyName(k)) : keyName(k);
      const p = path ? `${path}.${k}` : k;
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && r > 0) walk(v as Row, n, p, r - 1);
      else if (n === name) found.push(p);
    }
  };
  walk(row, '', '', lvl);
  return found;
}
