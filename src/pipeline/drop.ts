import { didYouMean } from '../common/did-you-mean.js';
import { UsageError } from '../common/errors.js';
import { ident, openDatabase } from '../load/duckdb.js';
import { ensureSystemTables, insertSchemaVersion, insertState, insertLoad } from '../load/system-tables.js';
import { bumpVersion, isDltTable, tableChain, upgradeSchema } from '../normalize/schema.js';
import { pipelineSchema, pipelineState, type FoundPipeline } from './inspect.js';
import { newLoadId } from './load-id.js';

/**
 * dlt's `pipeline drop`: drops the tables of the given resources (with their
 * nested tables) and their state, as a new schema and state version, in one
 * transaction.
 */
export async function dropResources(p: FoundPipeline, resources: string[]): Promise<{ tables: string[] }> {
  const { info, dir } = p;
  const db = await openDatabase(info.destination_path);
  try {
    const schema = await pipelineSchema(db, p);
    if (!schema) throw new UsageError(`pipeline "${info.pipeline_name}" has no schema yet`, 'run it first');
    upgradeSchema(schema);
    const known = [...new Set(Object.values(schema.tables).filter((t) => !isDltTable(t.name)).map((t) => t.resource).filter((r): r is string => !!r))];
    if (!resources.length) throw new UsageError('name the resources to drop', `resources: ${known.join(', ')}`);
    for (const r of resources) {
      if (!known.includes(r)) {
        const guess = didYouMean(r, known);
        throw new UsageError(`unknown resource "${r}"${guess ? `; did you mean "${guess}"?` : ''}`, `resources: ${known.join(', ')}`);
      }
    }
    const roots = Object.values(schema.tables).filter((t) => !t.parent && !isDltTable(t.name) && t.resource && resources.includes(t.resource));
    const tables = roots.flatMap((t) => tableChain(schema, t.name)).map((t) => t.name);
    const { state } = await pipelineState(db, p);
    const loadId = newLoadId();
    await db.transaction(async () => {
      await ensureSystemTables(db, info.dataset_name);
      for (const t of [...tables].reverse()) await db.run(`DROP TABLE IF EXISTS ${ident(info.dataset_name)}.${ident(t)}`);
      for (const t of tables) {
        delete schema.tables[t];
        // dlt's normalizer remove_table: the root key propagation of a dropped table goes with it.
        delete schema.normalizers.json.config?.propagation?.tables?.[t];
      }
      bumpVersion(schema);
      await insertSchemaVersion(db, info.dataset_name, schema);
      await insertLoad(db, info.dataset_name, loadId, schema);
      if (state) {
        for (const src of Object.values(state.sources)) for (const r of resources) delete src.resources?.[r];
        state._state_version += 1;
        await insertState(db, info.dataset_name, state, loadId);
      }
    });
    dir.writeSchema(schema);
    if (state) dir.writeState(state);
    return { tables };
  } finally {
    db.close();
  }
}
