import { didYouMean } from '../common/did-you-mean.js';
import { UsageError } from '../common/errors.js';
import { openDatabase, tableRef, type Database } from '../load/duckdb.js';
import { ensureSystemTables, insertSchemaVersion, insertState, insertLoad, type PipelineState } from '../load/system-tables.js';
import { bumpVersion, isDltTable, tableChain, upgradeSchema, type StoredSchema } from '../normalize/schema.js';
import { datasetTables, pipelineSchema, pipelineState, rowCounts, withReadOnly, type FoundPipeline } from './inspect.js';
import { newLoadId } from './load-id.js';

/** What `pipeline NAME drop RESOURCE...` will change (dlt's drop `info`), shown before anything is dropped. */
export interface DropPlan {
  schema_name: string;
  dataset_name: string;
  destination_path: string;
  resources: string[];
  /** Every table the schema loses: the resources' root tables and their nested tables, parents first. */
  tables: string[];
  /** Those of the tables that exist in DuckDB, with their row counts. */
  tables_with_data: { name: string; rows: number }[];
  /** Resources whose state (incremental cursors and more) is reset, as `source.resource`. */
  resource_states: string[];
}

interface Prepared {
  plan: DropPlan;
  schema: StoredSchema;
  state?: PipelineState;
}

/**
 * The drop, worked out on a copy of the schema and state: which tables and
 * which state go. A resource is known when the schema has a table of it or
 * the state has an entry for it (dlt resets the state of a resource that
 * never loaded a table too).
 */
async function prepareDrop(db: Database | undefined, p: FoundPipeline, resources: string[]): Promise<Prepared> {
  const { info } = p;
  const stored = await pipelineSchema(db, p);
  if (!stored) throw new UsageError(`pipeline "${info.pipeline_name}" has no schema yet`, 'run it first');
  const schema = upgradeSchema(structuredClone(stored));
  const { state: storedState } = await pipelineState(db, p);
  const state = storedState && structuredClone(storedState);
  const sourceNames = sourcesOf(state, info.source_name);
  const withState = (r: string) => sourceNames.filter((s) => state!.sources[s]?.resources?.[r] !== undefined);
  const dataTables = Object.values(schema.tables).filter((t) => !isDltTable(t.name));
  const fromSchema = dataTables.map((t) => t.resource).filter((r): r is string => !!r);
  const fromState = sourceNames.flatMap((s) => Object.keys(state!.sources[s]?.resources ?? {}));
  const known = [...new Set([...fromSchema, ...fromState])];
  if (!resources.length) throw new UsageError('name the resources to drop', known.length ? `resources: ${known.join(', ')}` : undefined);
  for (const r of resources) {
    if (!known.includes(r)) {
      const guess = didYouMean(r, known);
      throw new UsageError(`unknown resource "${r}"${guess ? `; did you mean "${guess}"?` : ''}`, known.length ? `resources: ${known.join(', ')}` : 'the pipeline has no resources with tables or state');
    }
  }
  const roots = dataTables.filter((t) => !t.parent && t.resource && resources.includes(t.resource));
  const tables = [...new Set(roots.flatMap((t) => tableChain(schema, t.name)).map((t) => t.name))];
  const existing = db ? new Set(await datasetTables(db, info.dataset_name)) : new Set<string>();
  const withData = tables.filter((t) => existing.has(t));
  const counts = db ? await rowCounts(db, info.dataset_name, withData) : new Map<string, number>();
  const resourceStates = resources.flatMap((r) => withState(r).map((s) => `${s}.${r}`));

  for (const t of tables) {
    delete schema.tables[t];
    // dlt's normalizer remove_table: the root key propagation of a dropped table goes with it.
    delete schema.normalizers.json.config?.propagation?.tables?.[t];
  }
  if (state) for (const s of sourceNames) for (const r of resources) delete state.sources[s]?.resources?.[r];
  return {
    plan: {
      schema_name: schema.name, dataset_name: info.dataset_name, destination_path: info.destination_path,
      resources, tables, tables_with_data: withData.map((name) => ({ name, rows: counts.get(name) ?? 0 })), resource_states: resourceStates,
    },
    schema,
    state,
  };
}

/** The source states a drop touches: the pipeline's source, or every source when the working folder does not say which. */
function sourcesOf(state: PipelineState | undefined, sourceName: string | undefined): string[] {
  const all = Object.keys(state?.sources ?? {});
  return sourceName && all.includes(sourceName) ? [sourceName] : all;
}

/** What a drop of `resources` would change, read without writing (the DuckDB file opened read-only). */
export async function planDrop(p: FoundPipeline, resources: string[]): Promise<DropPlan> {
  const fromDb = await withReadOnly(p.info.destination_path, (db) => prepareDrop(db, p, resources));
  return (fromDb ?? (await prepareDrop(undefined, p, resources))).plan;
}

/**
 * dlt's `pipeline drop`: drops the tables of the given resources (with their
 * nested tables) and resets their state, as a new schema version, a new
 * state version and a load in `_dlt_loads`, in one transaction. Re-plans on
 * the connection it writes with, so what it drops is what the file holds then.
 */
export async function dropResources(p: FoundPipeline, resources: string[]): Promise<DropPlan> {
  const { info, dir } = p;
  const db = await openDatabase(info.destination_path);
  try {
    const { plan, schema, state } = await prepareDrop(db, p, resources);
    const loadId = newLoadId();
    await db.transaction(async () => {
      await ensureSystemTables(db, info.dataset_name);
      for (const t of [...plan.tables].reverse()) await db.run(`DROP TABLE IF EXISTS ${tableRef(db, info.dataset_name, t)}`);
      bumpVersion(schema);
      await insertSchemaVersion(db, info.dataset_name, schema);
      await insertLoad(db, info.dataset_name, loadId, schema);
      if (state) {
        state._state_version += 1;
        await insertState(db, info.dataset_name, state, loadId);
      }
    });
    dir.writeSchema(schema);
    if (state) dir.writeState(state);
    return plan;
  } finally {
    db.close();
  }
}
