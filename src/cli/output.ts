import { Chalk } from 'chalk';
import { formatLocation, type ConfigProblem } from '../config/errors.js';
import { RestloadError } from '../common/errors.js';
import { redact } from '../common/redact.js';
import { sourceExcerpt } from './excerpt.js';

/** Colour only for terminals, and never when NO_COLOR is set. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  return !!stream.isTTY && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

export const err = new Chalk({ level: useColor(process.stderr) ? 1 : 0 });
export const out = new Chalk({ level: useColor(process.stdout) ? 1 : 0 });

/** Prints an error for people: what, where, what to do. Returns the exit code. */
export function reportError(e: unknown): number {
  if (e instanceof RestloadError) {
    const problems = (e as { problems?: ConfigProblem[] }).problems;
    if (problems?.length) {
      process.stderr.write(err.red(`error: ${problems.length === 1 ? 'the config has a problem' : `the config has ${problems.length} problems`}\n`));
      for (const p of problems) {
        process.stderr.write(`  ${err.bold(formatLocation(p))}\n    ${redact(p.message)}\n`);
        const excerpt = p.line ? sourceExcerpt(p.file, p.line, p.column) : undefined;
        if (excerpt) process.stderr.write(excerpt.map((l) => err.dim(`    ${l}`)).join('\n') + '\n');
        if (p.hint) process.stderr.write(err.dim(`    hint: ${redact(p.hint)}\n`));
      }
    } else {
      process.stderr.write(err.red(`error: ${redact(e.message)}\n`));
      if (e.hint) process.stderr.write(err.dim(`hint: ${redact(e.hint)}\n`));
    }
    if (process.env.RESTLOAD_DEBUG && e.stack) process.stderr.write(redact(e.stack) + '\n');
    return e.exitCode;
  }
  const error = e as Error;
  process.stderr.write(err.red(`error: ${redact(error?.message ?? String(e))}\n`));
  process.stderr.write(err.dim(process.env.RESTLOAD_DEBUG ? redact(error?.stack ?? '') + '\n' : 'This looks like a bug in restload; run with RESTLOAD_DEBUG=1 for details and report it.\n'));
  return 1;
}

/** JSON for --json output: bigints as numbers when safe, dates as ISO strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : v.toString()) : v), 2);
}
