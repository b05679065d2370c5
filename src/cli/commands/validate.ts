import { loadConfig } from '../../config/load.js';
import { ConfigError } from '../../config/errors.js';
import { out, reportError, toJson } from '../output.js';

export async function validateCommand(file: string, opts: { json?: boolean }): Promise<void> {
  try {
    const cfg = loadConfig(file);
    if (opts.json) process.stdout.write(toJson({ ok: true, pipeline: cfg.pipeline.name, resources: cfg.source.resources.map((r) => r.name) }) + '\n');
    else process.stdout.write(`${out.green('ok')}\n`);
  } catch (e) {
    if (opts.json && e instanceof ConfigError) {
      process.stdout.write(toJson({ ok: false, problems: e.problems }) + '\n');
      process.exitCode = 2;
      return;
    }
    process.exitCode = reportError(e);
  }
}

// The CLI reports a command's errors with the reportError of the module that threw them (one bundle each).
export { reportError } from '../output.js';
