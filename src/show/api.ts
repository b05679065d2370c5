import { redact, redactUrl } from '../common/redact.js';
import { incrementalOf, type FoundPipeline, type IncrementalSummary } from '../pipeline/inspect.js';
import type { RunTrace } from '../pipeline/trace.js';
import { readCatalog, readTable, type CatalogTable } from './catalog.js';
import { HttpError } from './http-error.js';
import { readLoads, type LoadRow, type LoadsView } from './loads.js';
import { nestedCounts, parseRowsRequest, readRows, type RowsPage } from './rows.js';
import { withSession } from './session.js';
import { runSql, type SqlResult } from './sql.js';
import { computeWarnings, type ShowWarning } from './warnings.js';

/** What a handler gets: the pipeline, the query string and, for POST, the parsed JSON body. */
export interface ApiRequest {
  pipeline: FoundPipeline;
  query: URLSearchParams;
  body?: unknown;
}

export interface ApiRoute {
  method: 'GET' | 'POST';
  handler: (req: ApiRequest) => Promise<unknown>;
}

/** GET /api/table?name= */
export interface TableResponse {
  table: CatalogTable;
  children: { name: string; rows: number }[];
  /** Columns of this table that appeared in the last run. */
  new_columns: string[];
}

/** GET /api/nested?table=&id=: a row's nested rows per child table. */
export interface NestedResponse {
  table: string;
  id: string;
  nested: { table: string; rows: number }[];
}

/** GET /api/state */
export interface StateResponse {
  from: 'destination' | 'working folder' | 'none';
  incremental: IncrementalSummary[];
  state: unknown;
}

/** A table in the tree: the catalog entry without its columns. */
export type TreeTable = Omit<CatalogTable, 'columns'>;

export interface Overview {
  pipeline: { name: string; dataset: string; destination_path: string; working_dir: string; config_file?: string };
  tables: TreeTable[];
  last_load?: LoadRow;
  loads_total: number;
  incremental: IncrementalSummary[];
  last_run?: Pick<RunTrace, 'status' | 'started_at' | 'finished_at' | 'load_id' | 'row_counts' | 'error'>;
  warnings: ShowWarning[];
}

/**
 * The JSON API behind the page, one entry per endpoint. Every handler that
 * reads data opens the DuckDB file read-only for its own length (see
 * session.ts); none writes anything anywhere.
 */
export const API_ROUTES: Record<string, ApiRoute> = {
  '/api/overview': { method: 'GET', handler: overview },
  '/api/table': { method: 'GET', handler: table },
  '/api/rows': { method: 'GET', handler: rows },
  '/api/nested': { method: 'GET', handler: nested },
  '/api/loads': { method: 'GET', handler: loads },
  '/api/state': { method: 'GET', handler: state },
  '/api/trace': { method: 'GET', handler: async (r) => ({ trace: maskedTrace(r.pipeline) ?? null }) },
  '/api/sql': { method: 'POST', handler: sql },
};

async function overview({ pipeline }: ApiRequest): Promise<Overview> {
  const { info, dir } = pipeline;
  const trace = maskedTrace(pipeline);
  const base = {
    pipeline: { name: info.pipeline_name, dataset: info.dataset_name, destination_path: info.destination_path, working_dir: dir.dir, ...(info.config_file ? { config_file: info.config_file } : {}) },
    ...(trace ? { last_run: { status: trace.status, started_at: trace.started_at, finished_at: trace.finished_at, load_id: trace.load_id, row_counts: trace.row_counts, error: trace.error } } : {}),
  };
  try {
    return await withSession(pipeline, async (s) => {
      const catalog = await readCatalog(s);
      const history = await readLoads(s, catalog);
      const { state: st } = await s.state();
      return {
        ...base,
        tables: catalog.map(({ columns: _c, ...t }) => t),
        ...(history.loads[0] ? { last_load: history.loads[0] } : {}),
        loads_total: history.total,
        incremental: incrementalOf(st),
        warnings: computeWarnings(trace, catalog),
      };
    });
  } catch (e) {
    // No DuckDB file yet (a first run that failed): the overview still shows the run and its error.
    if (!(e instanceof HttpError) || e.status !== 404) throw e;
    return { ...base, tables: [], loads_total: 0, incremental: incrementalOf(dir.readState()), warnings: [...computeWarnings(trace, []), { kind: 'no_data', level: 'error', message: e.message, ...(e.hint ? { hint: e.hint } : {}) }] };
  }
}

async function table({ pipeline, query }: ApiRequest): Promise<TableResponse> {
  const name = required(query, 'name');
  return withSession(pipeline, async (s) => {
    const { table: t, catalog } = await readTable(s, name);
    const trace = pipeline.dir.readTrace();
    return {
      table: t,
      children: catalog.filter((c) => c.parent === t.name).map((c) => ({ name: c.name, rows: c.rows })),
      new_columns: (trace?.new_columns ?? []).filter((c) => c.table === t.name).map((c) => c.column),
    };
  });
}

async function rows({ pipeline, query }: ApiRequest): Promise<RowsPage> {
  const name = required(query, 'table');
  const request = parseRowsRequest(query);
  return withSession(pipeline, async (s) => readRows(s, (await readTable(s, name, { counts: false })).table, request));
}

async function nested({ pipeline, query }: ApiRequest): Promise<NestedResponse> {
  const name = required(query, 'table');
  const id = required(query, 'id');
  return withSession(pipeline, async (s) => {
    const { table: t, catalog } = await readTable(s, name, { counts: false });
    return { table: t.name, id, nested: await nestedCounts(s, catalog, t, id) };
  });
}

async function loads({ pipeline }: ApiRequest): Promise<LoadsView> {
  return withSession(pipeline, async (s) => readLoads(s, await readCatalog(s)));
}

async function state({ pipeline }: ApiRequest): Promise<StateResponse> {
  return withSession(pipeline, async (s) => {
    const { state: st, from } = await s.state();
    return { from, incremental: incrementalOf(st), state: st ? (JSON.parse(redact(JSON.stringify(st))) as unknown) : null };
  });
}

async function sql({ pipeline, body }: ApiRequest): Promise<SqlResult> {
  const text = body && typeof body === 'object' ? (body as { sql?: unknown }).sql : undefined;
  return withSession(pipeline, (s) => runSql(s, text));
}

function required(q: URLSearchParams, name: string): string {
  const v = q.get(name);
  if (!v) throw new HttpError(400, `the query parameter "${name}" is missing`);
  return v;
}

/** The last trace, with URLs and messages masked once more (the trace file may predate a fix to redaction). */
function maskedTrace(p: FoundPipeline): RunTrace | undefined {
  const t = p.dir.readTrace();
  if (!t) return undefined;
  return {
    ...t,
    requests: { ...t.requests, ...(t.requests.slowest ? { slowest: { ...t.requests.slowest, url: redactUrl(t.requests.slowest.url) } } : {}) },
    ...(t.error ? { error: { ...t.error, message: redact(t.error.message), ...(t.error.hint ? { hint: redact(t.error.hint) } : {}) } } : {}),
  };
}
