import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PipelineState } from '../load/system-tables.js';
import type { StoredSchema } from '../normalize/schema.js';
import type { RunTrace } from './trace.js';

/** Where a pipeline's data lives; written on each run so `restload pipeline NAME ...` works from any folder. */
export interface PipelineInfo {
  pipeline_name: string;
  destination: 'duckdb';
  destination_path: string;
  dataset_name: string;
  source_name?: string;
  config_file?: string;
}

/**
 * The pipeline's working folder, `<pipelines_dir>/<name>/`: pipeline.json,
 * state.json, schemas/<name>.schema.json, trace.json, load/<load_id>/ for
 * packages being loaded, and run.lock while a run holds the pipeline
 * (run-lock.ts). Everything else in it can be rebuilt from the destination;
 * state and schema are copies of the destination's, which a run always uses.
 */
export class WorkingDir {
  constructor(readonly root: string, readonly name: string) {}

  get dir(): string {
    return join(this.root, this.name);
  }

  exists(): boolean {
    return existsSync(join(this.dir, 'pipeline.json'));
  }

  readInfo(): PipelineInfo | undefined {
    return this.readJson<PipelineInfo>('pipeline.json');
  }

  writeInfo(info: PipelineInfo): void {
    this.writeJson('pipeline.json', info);
  }

  readState(): PipelineState | undefined {
    return this.readJson<PipelineState>('state.json');
  }

  writeState(state: PipelineState): void {
    this.writeJson('state.json', state);
  }

  readSchema(name: string): StoredSchema | undefined {
    return this.readJson<StoredSchema>(join('schemas', `${name}.schema.json`));
  }

  writeSchema(schema: StoredSchema): void {
    this.writeJson(join('schemas', `${schema.name}.schema.json`), schema);
  }

  schemaNames(): string[] {
    try {
      return readdirSync(join(this.dir, 'schemas')).filter((f) => f.endsWith('.schema.json')).map((f) => f.slice(0, -'.schema.json'.length));
    } catch {
      return [];
    }
  }

  readTrace(): RunTrace | undefined {
    return this.readJson<RunTrace>('trace.json');
  }

  writeTrace(trace: RunTrace): void {
    this.writeJson('trace.json', trace);
  }

  packageDir(loadId: string): string {
    return join(this.dir, 'load', loadId);
  }

  removePackage(loadId: string): void {
    rmSync(this.packageDir(loadId), { recursive: true, force: true });
  }

  /** Packages left by a killed run: they were never committed, so they are dropped (only by the run holding the lock). */
  removeStalePackages(): void {
    rmSync(join(this.dir, 'load'), { recursive: true, force: true });
  }

  wipe(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private readJson<T>(rel: string): T | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, rel), 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Write-then-rename, so a kill never leaves half a file. */
  private writeJson(rel: string, value: unknown): void {
    const file = join(this.dir, rel);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(value, null, 2));
    renameSync(`${file}.tmp`, file);
  }
}

/** Names of all pipelines under a pipelines folder. */
export function listPipelines(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'pipeline.json')))
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
