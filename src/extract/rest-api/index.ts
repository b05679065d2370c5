import type { LoadedConfig } from '../../config/load.js';
import { createAuth } from '../auth/index.js';
import { HttpClient } from '../client.js';
import type { Source } from '../source.js';
import { extractSource } from './source.js';

/** Default bound on concurrent requests of a `parallelized` resource. */
export const DEFAULT_MAX_CONCURRENCY = 8;

/** A resolved rest_api config as a Source the pipeline can run. */
export function restApiSourceFromConfig(config: LoadedConfig): Source {
  const spec = config.source;
  return {
    name: spec.name,
    rootKey: spec.rootKey,
    schemaContract: spec.schemaContract,
    maxTableNesting: spec.maxTableNesting,
    resources: spec.resources.map((r) => ({
      name: r.name,
      tableName: r.tableName,
      writeDisposition: r.writeDisposition,
      primaryKey: r.primaryKey,
      mergeKey: r.mergeKey,
      columns: r.columns,
      maxTableNesting: r.maxTableNesting,
      selected: r.selected,
      schemaContract: r.schemaContract,
      incremental: r.endpoint.incremental,
    })),
    async *extract({ cursors, observer }) {
      const client = new HttpClient({
        baseUrl: spec.client.base_url,
        auth: spec.client.auth ? createAuth(spec.client.auth, { source: spec.name }) : undefined,
        timeoutMs: (spec.client.timeout ?? 60) * 1000,
        maxRetries: spec.client.max_retries ?? 5,
        maxRetryTimeMs: (spec.client.max_retry_time ?? 300) * 1000,
        onRequest: (info) => observer.onRequest?.(info),
      });
      yield* extractSource(spec, {
        client,
        cursors,
        maxConcurrency: spec.client.max_concurrency ?? DEFAULT_MAX_CONCURRENCY,
        onPage: observer.onPage?.bind(observer),
        onResourceDone: observer.onResourceDone?.bind(observer),
      });
    },
  };
}
