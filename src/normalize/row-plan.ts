import type { CompleteColumn, TableSchema } from './schema.js';

/**
 * Row plans: what the normalizer decided about each key of each table's rows
 * (its column name, whether its value stays whole, the nested table a list
 * goes to, the column it fills), kept so that the next row with the same key
 * does not decide it again.
 *
 * Why: profiling a 100k-issue run showed ~135 µs per issue spent normalizing
 * (flatten → coerce → a third object per row → JSON.stringify), four times
 * the cost of parsing it. Every page of an API repeats the same keys, and after
 * the first page almost every value already fits its column. The fast path in
 * Normalizer walks an item once with these plans, filling one object per
 * table row (a clone of the table's template); anything the plans cannot
 * vouch for (a new column, a value that needs a variant, a null in a NOT NULL
 * column, two keys that normalize to one name, a filter of the schema
 * contract...) sends the whole item to the full dlt
 * normalizer instead, which stays the reference. Measured on the benchmark's
 * issues (CPU per issue, normalizing and writing, with the buffered writer):
 * ~60 µs through the plans, ~70–110 µs through the full path; ~135 µs
 * before either.
 */

/** One key at one place of a table's rows. */
export interface KeyPlan {
  /** The flattened column name (`a__b`), also the prefix of a nested object's columns. */
  readonly name: string;
  /** The schema version `col`, `whole` and `notNull` were read at. */
  version: number;
  /** The column when complete (typed). */
  col: CompleteColumn | undefined;
  /** The value is written whole (a json column, or the nesting level is used up). */
  whole: boolean;
  /** A null here must go to the full normalizer (which raises). */
  notNull: boolean;
  /** The plan of a nested object found under this key. */
  object?: ObjectPlan;
  /** The nested table a list under this key goes to. */
  list?: TableNode;
}

/** The keys of the objects at one path of a table's rows. */
export interface ObjectPlan {
  /** Column name prefix; '' at the row's top. */
  readonly prefix: string;
  /** dlt's fragment path of the prefix (for nested table names). */
  readonly path: readonly string[];
  /** The nesting level left at this depth (dlt's `_r_lvl`). */
  readonly lvl: number;
  readonly keys: Map<string, KeyPlan>;
}

/** A table in the tree of tables one resource writes: its name, dlt's fragment path, its parent's name. */
export interface TableNode {
  name: string;
  path: string[];
  parent: string;
  children: Map<string, TableNode>;
  /** The plans of its rows, made when the first row takes the fast path. */
  plan?: TablePlan;
}

/** Plans of one table's rows. */
export interface TablePlan {
  readonly node: TableNode;
  readonly table: string;
  readonly lvl: number;
  readonly top: ObjectPlan;
  /** Which key plan produced each column name and list path: a second producer means a collision. */
  readonly producers: Map<string, KeyPlan>;
  /** Two keys normalize to one column or nested table here: only the full normalizer handles it (and warns). */
  broken: boolean;
  /** The schema version `eligible` was decided at. */
  version: number;
  /** Rows of this table may take the fast path (no filters, only `_dlt_id` propagated, dlt columns typed). */
  eligible: boolean;
  /** Every typed column of the table, undefined (JSON.stringify leaves it out): each row starts as a clone. */
  template: Record<string, unknown> | undefined;
  /** The columns its rows pass to their nested rows (dlt's propagation), read with `eligible`. */
  propagation: [string, string][] | null;
  /** Root tables with hashed row ids: the key columns (upsert, insert-only), [] for scd2's item hash; undefined: random ids. */
  keyColumns: string[] | undefined;
}

export function newObjectPlan(prefix: string, path: readonly string[], lvl: number): ObjectPlan {
  return { prefix, path, lvl, keys: new Map() };
}

const MAX_TEMPLATE_COLUMNS = 500;

/**
 * An object with a property for every typed column of the table, each
 * undefined. Built by JSON.parse so that V8 gives it one shape; its clones
 * (`{ ...template }`) are fast-mode objects (checked up to ~1000 columns),
 * which JSON.stringify writes quickly.
 */
export function rowTemplate(table: TableSchema): Record<string, unknown> | undefined {
  const names = Object.values(table.columns).filter((c) => c.data_type !== undefined).map((c) => c.name);
  // Past this, a clone copies more properties than a row fills (tables whose keys are ids or dates):
  // rows are then built key by key, as the full path does.
  if (names.length > MAX_TEMPLATE_COLUMNS) return undefined;
  const template = JSON.parse(`{${names.map((n) => `${JSON.stringify(n)}:null`).join(',')}}`) as Record<string, unknown>;
  for (const n of names) template[n] = undefined;
  return template;
}
