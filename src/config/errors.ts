import { RestloadError } from '../common/errors.js';

/** Where in a config file something is. Line and column are 1-based. */
export interface ConfigLocation {
  file: string;
  line?: number;
  column?: number;
  /** Path inside the config, as a user would write it: `resources[1].endpoint.paginator.type`. */
  configPath: string;
}

/** One problem in a config file. */
export interface ConfigProblem extends ConfigLocation {
  message: string;
  hint?: string;
}

/**
 * A config is wrong; nothing was fetched or written. Carries every problem
 * found in the file, so a user fixes them in one pass.
 */
export class ConfigError extends RestloadError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    const first = problems[0];
    super(
      problems.length === 1 && first
        ? `${formatLocation(first)}: ${first.message}`
        : `${problems.length} problems in ${first?.file ?? 'config'}`,
      { code: 'CONFIG', exitCode: 2, hint: problems.length === 1 ? first?.hint : undefined },
    );
    this.problems = problems;
  }
}

export function formatLocation(loc: ConfigLocation): string {
  const pos = loc.line ? `:${loc.line}:${loc.column ?? 1}` : '';
  return `${loc.file}${pos}${loc.configPath ? ` (${loc.configPath})` : ''}`;
}

/** `['resources', 1, 'endpoint']` → `resources[1].endpoint`. */
export function formatConfigPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}
