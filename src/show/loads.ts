import { literal, tableRef } from '../load/duckdb.js';
import type { CatalogTable } from './catalog.js';
import type { Session } from './session.js';

export interface LoadRow {
  load_id: string;
  schema_name?: string;
  /** 0 = loaded, as in dlt. */
  status: number;
  /** ISO 8601, UTC. */
  inserted_at: string;
  schema_version_hash?: string;
  /** Rows now in each root table that this load wrote (merge and replace remove older loads' rows). */
  rows: Record<string, number>;
}

export interface LoadsView {
  loads: LoadRow[];
  /** All loads in `_dlt_loads`; `loads` holds the newest LOADS_SHOWN. */
  total: number;
  /** Root tables counted per load (those with a `_dlt_load_id` column). */
  tables: string[];
}

export const LOADS_SHOWN = 200;

/**
 * The loads history: `_dlt_loads`, newest first, with the rows each load left
 * in each root table, counted by `_dlt_load_id` in one GROUP BY per table
 * (all in one statement). Nested tables have no `_dlt_load_id`: their rows
 * belong to their root row's load.
 */
export async function readLoads(s: Session, catalog: CatalogTable[]): Promise<LoadsView> {
  if (!catalog.some((t) => t.name === '_dlt_loads')) return { loads: [], total: 0, tables: [] };
  const loadsTable = tableRef(s.db, s.dataset, '_dlt_loads');
  const loads = await s.db.all<{ load_id: string; schema_name: string | null; status: bigint; inserted_at: string; schema_version_hash: string | null }>(
    `SELECT load_id, schema_name, status, strftime(inserted_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS inserted_at, schema_version_hash FROM ${loadsTable} ORDER BY inserted_at DESC, load_id DESC LIMIT ${LOADS_SHOWN}`,
  );
  const [total] = await s.db.all<{ n: bigint }>(`SELECT count(*) AS n FROM ${loadsTable}`);
  const roots = catalog.filter((t) => !t.system && t.columns.some((c) => c.name === '_dlt_load_id'));
  const counts = new Map<string, Record<string, number>>();
  if (roots.length) {
    const sql = roots
      .map((t) => `SELECT ${literal(t.name)} AS t, _dlt_load_id AS l, count(*) AS n FROM ${tableRef(s.db, s.dataset, t.name)} GROUP BY _dlt_load_id`)
      .join(' UNION ALL ');
    for (const r of await s.db.all<{ t: string; l: string; n: bigint }>(sql)) {
      counts.set(r.l, { ...counts.get(r.l), [r.t]: Number(r.n) });
    }
  }
  return {
    loads: loads.map((l) => ({
      load_id: l.load_id,
      ...(l.schema_name ? { schema_name: l.schema_name } : {}),
      status: Number(l.status),
      inserted_at: l.inserted_at,
      ...(l.schema_version_hash ? { schema_version_hash: l.schema_version_hash } : {}),
      rows: counts.get(l.load_id) ?? {},
    })),
    total: Number(total?.n ?? 0),
    tables: roots.map((t) => t.name),
  };
}
