import { resolve } from 'node:path';
import { RestloadError, UsageError } from '../common/errors.js';
import { prefetch } from '../common/concurrency.js';
import { redact } from '../common/redact.js';
import { uniqueWarnings, type RunWarning } from '../common/run-warning.js';
import { resolvePipelinesDir } from '../config/resolve.js';
import { IncrementalCursor } from '../extract/incremental.js';
import { resolveContract, type Source } from '../extract/source.js';
import { toSource, type RunOptions, type Runnable } from './runnable.js';
import { memoryAdvice, openDatabase, setSearchPath, type Database } from '../load/duckdb.js';
import { loadPackage, type RootTableJob } from '../load/loader.js';
import { readStoredSchema, readStoredState, type PipelineState } from '../load/system-tables.js';
import { LoadPackageWriter } from '../normalize/load-package.js';
import { Normalizer, type TableTarget } from '../normalize/normalizer.js';
import { normalizeResult, WorkerNormalizer } from '../normalize/worker-normalizer.js';
import { bumpVersion, newSchema, type StoredSchema } from '../normalize/schema.js';
import { normalizeIdentifier } from '../normalize/naming/snake-case.js';
import { datasetTables, rowCounts } from './inspect.js';
import { newLoadId } from './load-id.js';
import { LoadInfo, NormalizeInfo } from './load-info.js';
import { newTrace, startStep, type RunTrace } from './trace.js';
import { WorkingDir } from './working-dir.js';

/** How a pipeline is set up; only the name is required. */
export interface PipelineOptions {
  pipelineName: string;
  destination?: 'duckdb';
  /** DuckDB schema for the tables; default `<name>_dataset`. */
  datasetName?: string;
  /** DuckDB file; default `<name>.duckdb` in the current folder. */
  destinationPath?: string;
  /** Working folders root; default $RESTLOAD_PIPELINES_DIR or ~/.restload/pipelines. */
  pipelinesDir?: string;
  /** Where the config came from (shown by `pipeline info`). */
  configFile?: string;
  /** Progress lines go here (the CLI passes stderr when it is a terminal). */
  progress?: (line: string) => void;
  /** Each warning as it is noticed (the CLI writes them to stderr); all of them are also in the LoadInfo. */
  onWarning?: (warning: RunWarning) => void;
  /** Log lines of the run (retries, waits); the CLI writes them to stderr. */
  log?: (line: string) => void;
  /** Size at which a table's load package file is closed and a new one started (dlt's `data_writer.file_max_bytes`). */
  fileMaxBytes?: number;
  /**
   * DuckDB's memory_limit during a run (default $RESTLOAD_DUCKDB_MEMORY_LIMIT,
   * else 256MB). Loads past it spill to the working folder instead of
   * growing; raise it if a very large merge fails for lack of memory.
   */
  duckdbMemoryLimit?: string;
}

/**
 * Measured at 1M GitHub-like issues: one INSERT per table over all of the
 * run's files keeps DuckDB within 256MB (its optimistic writer puts full row
 * groups straight into the file), while one INSERT per package file ran out
 * of memory at 256MB and took twice as long at 1GB. Peak RSS is about this
 * limit plus 300 MB (Node, the DuckDB library, its readers).
 */
const DEFAULT_MEMORY_LIMIT = '256MB';

/**
 * A pipeline moves a source into one DuckDB dataset: extract → normalize →
 * load, with state and schema kept in the destination and in the working
 * folder. Nothing is written to the destination until the whole run has been
 * extracted and normalized; then one transaction loads it.
 */
export class Pipeline {
  readonly pipelineName: string;
  readonly datasetName: string;
  readonly destinationPath: string;
  readonly workingDir: WorkingDir;
  private trace?: RunTrace;

  constructor(readonly options: PipelineOptions) {
    this.pipelineName = options.pipelineName;
    this.datasetName = options.datasetName ?? `${options.pipelineName}_dataset`;
    this.destinationPath = resolve(options.destinationPath ?? `${options.pipelineName}.duckdb`);
    this.workingDir = new WorkingDir(resolvePipelinesDir(options.pipelinesDir), options.pipelineName);
  }

  /**
   * Extracts, normalizes and loads `data`: rows (array, iterable, async
   * iterable), a resource, a source, or a list of them. Returns the load
   * summary, or throws, and then nothing in the destination has changed.
   */
  async run(data: Runnable, opts: RunOptions = {}): Promise<LoadInfo> {
    const source = toSource(data, opts, this.pipelineName);
    const started = performance.now();
    const trace = newTrace(this.pipelineName);
    this.trace = trace;
    const loadId = newLoadId();
    trace.load_id = loadId;
    this.workingDir.removeStalePackages();
    this.workingDir.writeInfo({
      pipeline_name: this.pipelineName, destination: 'duckdb', destination_path: this.destinationPath,
      dataset_name: this.datasetName, source_name: source.name, config_file: this.options.configFile,
    });
    const db = await openDatabase(this.destinationPath, {
      memoryLimit: this.memoryLimit(),
      preserveInsertionOrder: false, tempDirectory: resolve(this.workingDir.dir, 'duckdb-tmp'),
    });
    const writer = new LoadPackageWriter(loadId, this.workingDir.packageDir(loadId), { fileMaxBytes: this.options.fileMaxBytes });
    let offThread: WorkerNormalizer | undefined;
    const warnings: RunWarning[] = [];
    try {
      const state = await this.restoreState(db);
      const schemaName = normalizeIdentifier(source.name);
      let schema = (await this.restoreSchema(db, schemaName)) ?? newSchema(schemaName);
      const normalizer = new Normalizer(schema, loadId, writer);
      const contract = source.schemaContract;
      const roots: RootTableJob[] = [];
      const targets: TableTarget[] = [];
      const cursors = new Map<string, IncrementalCursor>();
      const sourceState = (state.sources[source.name] ??= {});
      for (const r of source.resources) {
        if (r.incremental) {
          const stored = sourceState.resources?.[r.name]?.incremental?.[r.incremental.cursorPath];
          cursors.set(r.name, new IncrementalCursor(r.incremental, r.name, stored, r.primaryKey));
        }
        if (!r.selected) continue;
        const target: TableTarget = {
          resource: r.name, tableName: r.tableName, writeDisposition: r.writeDisposition, primaryKey: r.primaryKey,
          mergeKey: r.mergeKey, columns: r.columns, maxTableNesting: r.maxTableNesting ?? source.maxTableNesting,
          contract: resolveContract(r.schemaContract ?? contract), rootKey: source.rootKey,
          incrementalCursor: r.incremental && /^[A-Za-z_][\w]*$/.test(r.incremental.cursorPath) ? r.incremental.cursorPath : undefined,
        };
        // Registered here in any case: a wrong hint is reported before the first request.
        const table = normalizer.registerResource(target);
        targets.push(target);
        roots.push({ table, disposition: r.writeDisposition.disposition, strategy: r.writeDisposition.strategy });
      }

      // REST items are JSON data: they are normalized on a worker thread while this one fetches (see WorkerNormalizer).
      offThread = source.jsonItems && process.env.RESTLOAD_NORMALIZE_THREAD !== '0'
        ? new WorkerNormalizer({ schema, loadId, dir: this.workingDir.packageDir(loadId), fileMaxBytes: this.options.fileMaxBytes, targets })
        : undefined;
      const endExtract = startStep(trace, 'extract');
      const observer = traceObserver(trace, this.options.progress, (w) => {
        warnings.push(w);
        this.options.onWarning?.(w);
      }, this.options.log);
      const stored = (resource: string, cursorPath: string) => sourceState.resources?.[resource]?.incremental?.[cursorPath];
      for await (const page of prefetch(source.extract({ cursors, observer, stored }), 2)) {
        (trace.resources[page.resource] ??= { pages: 0, items: 0, requests: 0, retries: 0 }).items += page.items.length;
        if (offThread) await offThread.normalize(page.resource, page.items);
        else normalizer.normalize(page.resource, page.items);
      }
      endExtract();
      const endNormalize = startStep(trace, 'normalize');
      // The worker evolved its own copy of the schema: from here on the run uses that one.
      const result = offThread ? await offThread.finish() : normalizeResult(normalizer, writer);
      schema = result.schema;
      const pkg = result.pkg;
      trace.row_counts = { ...pkg.rowCounts };
      trace.new_columns = result.newColumns;
      for (const w of result.warnings) this.options.onWarning?.(w);
      trace.warnings = uniqueWarnings([...warnings, ...result.warnings]);
      trace.fast_items = result.fastItems;
      trace.package_files = Object.values(pkg.files).reduce((n, f) => n + f.length, 0);
      bumpVersion(schema);
      const newState = this.nextState(state, source, cursors, schema);
      endNormalize();

      const endLoad = startStep(trace, 'load');
      try {
        await loadPackage(db, { dataset: this.datasetName, schema, pkg, roots, state: newState });
      } catch (e) {
        throw this.loadError(e);
      }
      endLoad();

      // Committed: the working folder follows the destination.
      this.workingDir.writeState(newState ?? state);
      this.workingDir.writeSchema(schema);
      trace.status = 'completed';
      trace.finished_at = new Date().toISOString();
      this.workingDir.writeTrace(trace);
      return new LoadInfo({
        pipelineName: this.pipelineName, datasetName: this.datasetName, destinationPath: this.destinationPath,
        loadId, rowCounts: pkg.rowCounts, durationMs: performance.now() - started, trace, warnings: trace.warnings,
      });
    } catch (e) {
      writer.abort();
      await offThread?.abort();
      trace.status = 'failed';
      trace.finished_at = new Date().toISOString();
      const err = e instanceof RestloadError ? e : undefined;
      trace.error = { message: redact((e as Error).message ?? String(e)), code: err?.code ?? 'INTERNAL', hint: err?.hint };
      this.workingDir.writeTrace(trace);
      throw e;
    } finally {
      this.workingDir.removePackage(loadId);
      db.close();
    }
  }

  /** DuckDB's memory_limit, checked here: DuckDB itself only says "Failed to set config". */
  private memoryLimit(): string {
    const [value, from] = this.options.duckdbMemoryLimit !== undefined
      ? [this.options.duckdbMemoryLimit, 'duckdbMemoryLimit']
      : process.env.RESTLOAD_DUCKDB_MEMORY_LIMIT ? [process.env.RESTLOAD_DUCKDB_MEMORY_LIMIT, 'RESTLOAD_DUCKDB_MEMORY_LIMIT'] : [DEFAULT_MEMORY_LIMIT, 'default'];
    if (!/^\s*\d+(\.\d+)?\s*(b|bytes|kb|mb|gb|tb|kib|mib|gib|tib)\s*$/i.test(value)) {
      throw new UsageError(`${from} "${value}" is not a size DuckDB understands`, 'use a number and a unit, e.g. 512MB or 2GB');
    }
    return value;
  }

  /** A DuckDB error is about the data or the file, not a bug: say where, and that nothing changed. */
  private loadError(e: unknown): unknown {
    if (e instanceof RestloadError) return e;
    const message = (e as Error).message.split('\n')[0]!;
    return new RestloadError(`loading into ${this.destinationPath} (dataset ${this.datasetName}) failed: ${message}`, {
      code: 'LOAD', cause: e,
      hint: `the transaction was rolled back: tables and state are as before this run${memoryAdvice(message)}; \`restload pipeline NAME trace\` shows the run`,
    });
  }

  /** The last run's trace: steps with timings, requests, rows per table (`lastNormalizeInfo`), error. */
  get lastTrace(): (RunTrace & { lastNormalizeInfo: NormalizeInfo }) | undefined {
    const t = this.trace ?? this.workingDir.readTrace();
    return t && { ...t, lastNormalizeInfo: new NormalizeInfo(t.row_counts) };
  }

  /** The pipeline state (incremental cursors and more), as stored after the last successful run. */
  get state(): PipelineState | undefined {
    return this.workingDir.readState();
  }

  /** Runs a read query on the destination and returns rows as plain objects. */
  async sql<T = Record<string, unknown>>(query: string): Promise<T[]> {
    const db = await openDatabase(this.destinationPath, { readOnly: true });
    try {
      await setSearchPath(db, this.datasetName);
      return await db.all<T>(query);
    } finally {
      db.close();
    }
  }

  /** The dataset's tables with their row counts. */
  async dataset(): Promise<Record<string, number>> {
    const db = await openDatabase(this.destinationPath, { readOnly: true });
    try {
      // One connection and one count query (opening DuckDB per table cost a file open each).
      const names = await datasetTables(db, this.datasetName);
      const counts = await rowCounts(db, this.datasetName, names);
      return Object.fromEntries(names.map((n) => [n, counts.get(n) ?? 0]));
    } finally {
      db.close();
    }
  }

  /** State: the destination's (committed) state wins; the working folder's is the fallback. */
  private async restoreState(db: Database): Promise<PipelineState> {
    const stored = await readStoredState(db, this.datasetName, this.pipelineName);
    const local = this.workingDir.readState();
    const pick = stored && (!local || stored._state_version >= local._state_version) ? stored : local;
    return pick ? structuredClone(pick) : {
      _state_version: 0, _state_engine_version: 4, pipeline_name: this.pipelineName, dataset_name: this.datasetName,
      destination_name: 'duckdb', destination_type: 'dlt.destinations.duckdb', sources: {},
    };
  }

  private async restoreSchema(db: Database, name: string): Promise<StoredSchema | undefined> {
    const stored = await readStoredSchema(db, this.datasetName, name);
    const local = this.workingDir.readSchema(name);
    const pick = stored && (!local || stored.version >= local.version) ? stored : local;
    return pick ? structuredClone(pick) : undefined;
  }

  /** The state after this run, or undefined when nothing in it changed. */
  private nextState(state: PipelineState, source: Source, cursors: Map<string, IncrementalCursor>, schema: StoredSchema): PipelineState | undefined {
    const next = structuredClone(state);
    next.default_schema_name ??= schema.name;
    next.schema_names = [...new Set([...(next.schema_names ?? []), schema.name])];
    const src = (next.sources[source.name] ??= {});
    for (const [resource, cursor] of cursors) {
      const s = cursor.toState();
      if (!s) continue;
      const res = ((src.resources ??= {})[resource] ??= {});
      const prev = res.incremental?.[cursor.spec.cursorPath];
      const moved = JSON.stringify(prev?.last_value) !== JSON.stringify(s.last_value);
      (res.incremental ??= {})[cursor.spec.cursorPath] = { ...s, last_value_at: moved ? new Date().toISOString() : prev?.last_value_at };
    }
    const { _state_version, _version_hash, ...a } = next;
    const { _state_version: _v, _version_hash: _h, ...b } = state;
    if (JSON.stringify(a) === JSON.stringify(b) && _state_version > 0) return undefined;
    next._state_version = _state_version + 1;
    return next; // its _version_hash is set when it is stored (insertState)
  }
}

function traceObserver(trace: RunTrace, progress: ((line: string) => void) | undefined, warn: (w: RunWarning) => void, log?: (line: string) => void) {
  const res = (name: string) => (trace.resources[name] ??= { pages: 0, items: 0, requests: 0, retries: 0 });
  return {
    onRequest(info: { status?: number; retries: number; bytes: number; ms: number; url: string; method: string }) {
      trace.requests.total++;
      trace.requests.retries += info.retries;
      trace.requests.bytes += info.bytes;
      if (!info.status || info.status >= 400) trace.requests.failed++;
      if (!trace.requests.slowest || info.ms > trace.requests.slowest.ms) trace.requests.slowest = info;
    },
    onPage(resource: string, info: { items: number; paginator: string }) {
      const r = res(resource);
      r.pages++;
      r.requests++;
      r.paginator = info.paginator;
      progress?.(`${resource}: ${r.pages} pages`);
    },
    onResourceDone(resource: string, info: { pages: number; paginator: string }) {
      const r = res(resource);
      r.paginator = info.paginator;
    },
    onWarning(w: RunWarning) {
      warn(w);
    },
    onLog(line: string) {
      log?.(line);
    },
  };
}

/** Creates a pipeline; nothing is loaded until `run`. */
export function pipeline(options: PipelineOptions): Pipeline {
  return new Pipeline(options);
}
