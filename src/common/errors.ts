/**
 * Every error restload raises on purpose is a RestloadError: it carries a
 * stable `code`, an optional `hint` (what the user can do next) and the
 * `cause`. The CLI formats these fields; it never parses messages.
 */
export class RestloadError extends Error {
  readonly code: string;
  readonly hint?: string;
  /** Exit code the CLI uses: 2 for a wrong config or command line, 1 for a failed run. */
  readonly exitCode: 1 | 2;

  constructor(message: string, opts: { code: string; hint?: string; cause?: unknown; exitCode?: 1 | 2 }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = opts.code;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? 1;
  }
}

/** The command line itself is wrong (unknown source name, missing pipeline...). */
export class UsageError extends RestloadError {
  constructor(message: string, hint?: string) {
    super(message, { code: 'USAGE', hint, exitCode: 2 });
  }
}

/** A value was outside a fixed set: says which values are allowed, like dlt's ValueErrorWithKnownValues. */
export function unknownValueMessage(what: string, value: string, known: readonly string[]): string {
  return `unknown ${what} "${value}"; known: ${known.join(', ')}`;
}
