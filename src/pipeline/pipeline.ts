import { existsSync, rmSync } from 'node:fs';
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
import { LoadPackageWriter, type LoadPackage } from '../normalize/load-package.js';
import { Normalizer, type TableTarget } from '../normalize/normalizer.js';
import { normalizeResult, WorkerNormalizer } from '../normalize/worker-normalizer.js';
import { bumpVersion, hasSeenData, newSchema, type StoredSchema } from '../normalize/schema.js';
import { normalizeIdentifier } from '../normalize/naming/snake-case.js';
import { datasetTables, rowCounts } from './inspect.js';
import { newLoadId } from './load-id.js';
import { LoadInfo, NormalizeInfo } from './load-info.js';
import { newTrace, startStep, type RunTrace } from './trace.js';
import { RunInterruptedError } from './errors.js';
import { Interrupt } from './interrupt.js';
import { acquireRunLock } from './run-lock.js';
import { WorkingDir, type PipelineInfo } from './working-dir.js';

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
   * One run of a pipeline at a time: while another holds its lock, `run`
   * throws PipelineLockedError before fetching. `opts.signal` interrupts the
   * run (RunInterruptedError, nothing committed).
   */
  async run(data: Runnable, opts: RunOptions = {}): Promise<LoadInfo> {
    const { signal, ...hints } = opts;
    const source = toSource(data, hints, this.pipelineName);
    const memoryLimit = this.memoryLimit();
    // Before anything else (removing packages, the trace, the destination): one run of a pipeline at a time.
    const lock = acquireRunLock(this.workingDir.dir, this.pipelineName);
    if (lock.replacedStale) {
      const h = lock.replacedStale;
      this.options.log?.(`replaced the run lock of pid ${h.pid} (started at ${h.started_at}), which is no longer running`);
    }
    const interrupt = new Interrupt(signal, this.pipelineName);
    try {
      return await this.runLocked(source, memoryLimit, interrupt);
    } finally {
      interrupt.dispose();
      lock.release();
    }
  }

  private async runLocked(source: Source, memoryLimit: string, interrupt: Interrupt): Promise<LoadInfo> {
    const started = performance.now();
    const trace = newTrace(this.pipelineName);
    this.trace = trace;
    const loadId = newLoadId();
    trace.load_id = loadId;
    const warnings: RunWarning[] = [];
    const warn = (w: RunWarning) => {
      warnings.push(w);
      this.options.onWarning?.(w);
    };
    const previous = this.workingDir.readInfo();
    // This run holds the lock: packages under load/ are a dead run's, never committed.
    this.workingDir.removeStalePackages();
    this.workingDir.writeInfo({
      pipeline_name: this.pipelineName, destination: 'duckdb', destination_path: this.destinationPath,
      dataset_name: this.datasetName, source_name: source.name, config_file: this.options.configFile,
    });
    const writer = new LoadPackageWriter(loadId, this.workingDir.packageDir(loadId), { fileMaxBytes: this.options.fileMaxBytes });
    let offThread: WorkerNormalizer | undefined;
    let db: Database | undefined;
    // A DuckDB file this run created is removed again unless the run committed into it (a 401 leaves no empty file).
    const newFile = !existsSync(this.destinationPath);
    let committed = false;
    try {
      interrupt.check();
      db = await openDatabase(this.destinationPath, {
        memoryLimit, preserveInsertionOrder: false, tempDirectory: resolve(this.workingDir.dir, 'duckdb-tmp'),
      });
      const state = await this.restoreState(db, previous, warn);
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
      interrupt.step = 'extract';
      const endExtract = startStep(trace, 'extract');
      const observer = traceObserver(trace, this.options.progress, warn, this.options.log);
      const stored = (resource: string, cursorPath: string) => sourceState.resources?.[resource]?.incremental?.[cursorPath];
      for await (const page of interrupt.iterate(prefetch(source.extract({ cursors, observer, stored }), 2))) {
        (trace.resources[page.resource] ??= { pages: 0, items: 0, requests: 0, retries: 0 }).items += page.items.length;
        if (offThread) await interrupt.race(offThread.normalize(page.resource, page.items));
        else normalizer.normalize(page.resource, page.items);
      }
      endExtract();
      interrupt.step = 'normalize';
      const endNormalize = startStep(trace, 'normalize');
      // The worker evolved its own copy of the schema: from here on the run uses that one.
      const result = offThread ? await interrupt.race(offThread.finish()) : normalizeResult(normalizer, writer);
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
      const info = (loaded: boolean) => new LoadInfo({
        pipelineName: this.pipelineName, datasetName: this.datasetName, destinationPath: this.destinationPath,
        loadId, rowCounts: pkg.rowCounts, durationMs: performance.now() - started, trace, warnings: trace.warnings, loaded,
      });

      interrupt.step = 'load';
      interrupt.check();
      if (!newState && !hasWork(schema, pkg, roots)) {
        // dlt deletes a package without data and without a state change: no load, no `_dlt_loads` row.
        trace.loaded = false;
        trace.status = 'completed';
        trace.finished_at = new Date().toISOString();
        this.workingDir.writeTrace(trace);
        return info(false);
      }
      const endLoad = startStep(trace, 'load');
      try {
        await interrupt.load(db, (guarded) => loadPackage(guarded, { dataset: this.datasetName, schema, pkg, roots, state: newState }));
      } catch (e) {
        throw interrupt.aborted ? interrupt.error() : this.loadError(e);
      }
      committed = true;
      endLoad();

      // Committed: the working folder follows the destination.
      this.workingDir.writeState(newState ?? state);
      this.workingDir.writeSchema(schema);
      trace.loaded = true;
      trace.status = 'completed';
      trace.finished_at = new Date().toISOString();
      this.workingDir.writeTrace(trace);
      return info(true);
    } catch (e) {
      writer.abort();
      await offThread?.abort();
      // Whatever failed after an interrupt (an abandoned request, DuckDB's INTERRUPT) failed because of it.
      const failure = interrupt.aborted && !committed && !(e instanceof RunInterruptedError) ? interrupt.error() : e;
      trace.status = 'failed';
      trace.finished_at = new Date().toISOString();
      const err = failure instanceof RestloadError ? failure : undefined;
      trace.error = { message: redact((failure as Error).message ?? String(failure)), code: err?.code ?? 'INTERNAL', hint: err?.hint };
      trace.warnings = uniqueWarnings([...(trace.warnings ?? []), ...warnings]);
      this.workingDir.writeTrace(trace);
      throw failure;
    } finally {
      this.workingDir.removePackage(loadId);
      db?.close();
      if (db && newFile && !committed) removeDatabaseFile(this.destinationPath);
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

  /**
   * State belongs to the destination that holds the data: the state stored
   * in the dataset by the last load, else a fresh one (cursors start from
   * initial_value). The working folder's copy is never used instead: with
   * the same pipeline name and a new, empty DuckDB file it would make the run
   * skip every row the new file never got. When that copy had cursors, the
   * run says that they start again (STATE_RESET).
   */
  private async restoreState(db: Database, previous: PipelineInfo | undefined, warn: (w: RunWarning) => void): Promise<PipelineState> {
    const stored = await readStoredState(db, this.datasetName, this.pipelineName);
    if (stored) return structuredClone(stored);
    const local = this.workingDir.readState();
    const resources = local ? incrementalResources(local) : [];
    if (resources.length) {
      const moved = previous && (previous.destination_path !== this.destinationPath || previous.dataset_name !== this.datasetName);
      warn({
        code: 'STATE_RESET',
        message: `${this.destinationPath} (dataset ${this.datasetName}) holds no state of pipeline "${this.pipelineName}": incremental loading of ${resources.join(', ')} starts again from initial_value`,
        hint: `the state in the working folder ${this.workingDir.dir}${moved ? ` (from runs into ${previous.destination_path}, dataset ${previous.dataset_name})` : ''} was not used: state belongs to the destination that holds the data`,
      });
    }
    return {
      _state_version: 0, _state_engine_version: 4, pipeline_name: this.pipelineName, dataset_name: this.datasetName,
      destination_name: 'duckdb', destination_type: 'dlt.destinations.duckdb', sources: {},
    };
  }

  /** The schema stored in the dataset, as the state: a destination without it starts a new schema. */
  private async restoreSchema(db: Database, name: string): Promise<StoredSchema | undefined> {
    const stored = await readStoredSchema(db, this.datasetName, name);
    return stored ? structuredClone(stored) : undefined;
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
      if (w.code === 'PAGINATOR_NOT_DETECTED' && w.resource) res(w.resource).one_page_warning = true;
      warn(w);
    },
    onLog(line: string) {
      log?.(line);
    },
  };
}

/** Resources with incremental cursors in a state document. */
function incrementalResources(state: PipelineState): string[] {
  const names = new Set<string>();
  for (const src of Object.values(state.sources ?? {})) {
    for (const [name, r] of Object.entries(src.resources ?? {})) if (r.incremental && Object.keys(r.incremental).length) names.add(name);
  }
  return [...names];
}

/**
 * Whether a package without a state change still loads something: rows, or a
 * `replace` of a table that has data (dlt writes an empty job for it, which
 * truncates the table).
 */
function hasWork(schema: StoredSchema, pkg: LoadPackage, roots: RootTableJob[]): boolean {
  if (Object.values(pkg.rowCounts).some((n) => n > 0)) return true;
  return roots.some((r) => r.disposition === 'replace' && !!schema.tables[r.table] && hasSeenData(schema.tables[r.table]!));
}

/** Removes a DuckDB file (and its WAL) that this run created and never committed into. */
function removeDatabaseFile(path: string): void {
  for (const f of [path, `${path}.wal`]) rmSync(f, { force: true });
}

/** Creates a pipeline; nothing is loaded until `run`. */
export function pipeline(options: PipelineOptions): Pipeline {
  return new Pipeline(options);
}
