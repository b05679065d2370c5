import { join } from 'node:path';
import { pipeline, restApiSource, type RestApiConfig } from '../../src/index.js';
import { workspace } from './cli.js';

/** Runs a rest_api config through the library in a fresh folder; returns the pipeline and a query helper. */
export async function runConfig(config: RestApiConfig, name = 't') {
  const ws = workspace();
  const p = pipeline({ pipelineName: name, pipelinesDir: ws.pipelinesDir, destinationPath: join(ws.dir, `${name}.duckdb`) });
  const info = await p.run(restApiSource(config, { cwd: ws.dir }));
  const rows = async <T = Record<string, unknown>>(sql: string) => p.sql<T>(sql);
  return { p, info, ws, rows, again: () => p.run(restApiSource(config, { cwd: ws.dir })) };
}
