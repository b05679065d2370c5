import { loadConfig } from '../../config/load.js';
import { ConfigError, formatLocation } from '../../config/errors.js';
import { redact } from '../../common/redact.js';
import { err, out, reportError, toJson } from '../output.js';

export async function validateCommand(file: string, opts: { json?: boolean }): Promise<void> {
  try {
    // A secret still equal to init's placeholder does not make the file wrong: `validate` says ok and
    // warns; `run` refuses it before fetching anything.
    const cfg = loadConfig(file, { placeholderSecrets: 'warn' });
    const warnings = cfg.warnings ?? [];
    if (opts.json) {
      process.stdout.write(toJson({ ok: true, pipeline: cfg.pipeline.name, resources: cfg.source.resources.map((r) => r.name), warnings }) + '\n');
      return;
    }
    process.stdout.write(`${out.green('ok')}\n`);
    for (const w of warnings) {
      process.stderr.write(`${err.yellow('warning:')} ${err.bold(formatLocation(w))}\n    ${redact(w.message)}; \`restload run\` stops here until it is set\n`);
      if (w.hint) process.stderr.write(err.dim(`    hint: ${redact(w.hint)}\n`));
    }
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
