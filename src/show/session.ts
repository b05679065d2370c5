import type { Database } from '../load/duckdb.js';
import type { PipelineState } from '../load/system-tables.js';
import type { StoredSchema } from '../normalize/schema.js';
import { pipelineSchema, pipelineState, withReadOnly, type FoundPipeline } from '../pipeline/inspect.js';
import { HttpError } from './http-error.js';

/**
 * What one API request works with: the pipeline, its DuckDB file opened
 * read-only for the length of the request, and the schema and state read
 * from it on first use. Opening per request (not once for the server) keeps
 * no lock between requests, so `restload run` can load while the page is open,
 * and each request sees the last committed load.
 */
export interface Session {
  pipeline: FoundPipeline;
  db: Database;
  dataset: string;
  /** The stored schema (destination first, then the working folder); undefined before the first run. */
  schema(): Promise<StoredSchema | undefined>;
  /** The committed state (destination first, then the working folder). */
  state(): Promise<{ state?: PipelineState; from: 'destination' | 'working folder' | 'none' }>;
}

export async function withSession<T>(pipeline: FoundPipeline, fn: (s: Session) => Promise<T>): Promise<T> {
  const { info } = pipeline;
  const found = await withReadOnly(info.destination_path, async (db) => {
    let schema: Promise<StoredSchema | undefined> | undefined;
    const session: Session = {
      pipeline,
      db,
      dataset: info.dataset_name,
      schema: () => (schema ??= pipelineSchema(db, pipeline)),
      state: () => pipelineState(db, pipeline),
    };
    return { value: await fn(session) };
  });
  if (!found) {
    throw new HttpError(404, `the pipeline's DuckDB file ${info.destination_path} does not exist (yet)`,
      `run the pipeline (restload run ${info.config_file ?? 'CONFIG'}) to create it, or check that the file was not moved`);
  }
  return found.value;
}
