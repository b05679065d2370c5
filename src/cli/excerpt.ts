import { readFileSync, statSync } from 'node:fs';
import { MASK, redact, SENSITIVE_PARAMS } from '../common/redact.js';
import { normalizeText } from '../config/text.js';

/** The widest piece of a line shown; long lines (minified JSON) are cut around the column. */
const WIDTH = 100;
/** Files larger than this (the config loader's own limit) are not read again for an excerpt. */
const MAX_BYTES = 10 * 1024 * 1024;

const files = new Map<string, string[] | null>();

function linesOf(file: string): string[] | null {
  if (!files.has(file)) {
    let lines: string[] | null = null;
    try {
      if (statSync(file).size <= MAX_BYTES) lines = normalizeText(readFileSync(file, 'utf8')).split('\n');
    } catch {
      // not a readable file (a config given as an object, a deleted file): no excerpt
    }
    files.set(file, lines);
  }
  return files.get(file)!;
}

/** `token: abc` written into a config: the value is not shown, the key is enough to see the line. */
function maskLiteralSecret(line: string): string {
  const m = /^(\s*(?:-\s+)?["']?)([\w-]+)(["']?\s*[:=]\s*)(.+)$/.exec(line);
  if (!m) return line;
  const key = m[2]!.toLowerCase();
  const sensitive = SENSITIVE_PARAMS.has(key) || /token|secret|password/.test(key);
  if (!sensitive || /^["']?\$\{[^}]*\}["']?\s*,?$/.test(m[4]!.trim())) return line;
  return `${m[1]}${m[2]}${m[3]}${MASK}`;
}

/**
 * The line of `file` a problem is on, and a caret under its column, for the
 * CLI's error output:
 *
 *     3 |   	b: 1
 *       |   ^
 *
 * Undefined when the file cannot be read or has no such line. Control
 * characters are shown as `?`, secrets masked; nothing is shown from a
 * `secrets.toml`.
 */
export function sourceExcerpt(file: string, line: number, column = 1): string[] | undefined {
  // A line of a secrets file is all secret.
  if (/secrets\.toml$/i.test(file)) return undefined;
  const text = linesOf(file)?.[line - 1];
  if (text === undefined) return undefined;
  let shown = text.replace(/\r$/, '');
  let col = Math.max(1, Math.min(column, shown.length + 1));
  let lead = '';
  if (shown.length > WIDTH) {
    const from = Math.max(0, Math.min(col - 1 - WIDTH / 2, shown.length - WIDTH));
    lead = from > 0 ? '…' : '';
    shown = lead + shown.slice(from, from + WIDTH) + (from + WIDTH < shown.length ? '…' : '');
    col = col - from + lead.length;
  }
  // eslint-disable-next-line no-control-regex
  shown = redact(maskLiteralSecret(shown)).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?');
  // Keep the line's tabs under the caret, so that it lines up however the terminal draws them.
  const pad = [...shown.slice(0, col - 1)].map((c) => (c === '\t' ? '\t' : ' ')).join('');
  const gutter = String(line);
  return [`${gutter} | ${shown}`, `${' '.repeat(gutter.length)} | ${pad}^`];
}
