import { UsageError } from '../../common/errors.js';
import type { FoundPipeline } from '../../pipeline/inspect.js';
import { openBrowser } from '../../show/open-browser.js';
import { startShowServer } from '../../show/server.js';
import { err, toJson } from '../output.js';

/**
 * `restload pipeline NAME show`: serves the pipeline's page on 127.0.0.1
 * until Ctrl-C. The URL goes to stdout alone (or as JSON with --json) so a
 * script can read it; everything else goes to stderr.
 */
export async function showCommand(p: FoundPipeline, opts: { port?: string; open?: boolean; json?: boolean }): Promise<void> {
  const server = await startShowServer({ pipeline: p, port: parsePort(opts.port) });
  if (opts.json) process.stdout.write(toJson({ pipeline: p.info.pipeline_name, url: server.url }) + '\n');
  else {
    process.stdout.write(`${server.url}\n`);
    process.stderr.write(err.dim(`pipeline ${p.info.pipeline_name}: ${p.info.destination_path} (read-only); Ctrl-C to stop\n`));
  }
  if (opts.open && !(await openBrowser(server.url))) {
    process.stderr.write(err.dim('could not start a browser here; open the URL above by hand\n'));
  }
  await untilStopped();
  await server.close();
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${raw}"`, 'leave --port out to get a free port');
  return port;
}

/** Resolves on Ctrl-C (SIGINT) or SIGTERM. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
