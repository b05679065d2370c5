/**
 * Guards against configs nested so deeply that a parser, the validator or
 * interpolation would run out of stack ("Maximum call stack size exceeded").
 * No real config comes near the limit: dlt's deepest keys are about eight
 * levels down, and a request body a few more.
 *
 * The limit is checked on the text, before a parser sees it, and well below
 * where the yaml library's recursion overflows (~400 levels of flow
 * collections on Node 20's default stack): near the stack's end, V8 can fail
 * to compile a regular expression the library uses and abort the whole
 * process ("RegExpCompiler Allocation failed"), which no catch can turn into
 * an error message.
 */
export const MAX_NESTING = 100;

export type ConfigFormat = 'yaml' | 'json' | 'toml';

/**
 * The offset of the first `[` or `{` that opens level `limit + 1`, scanning
 * the raw text before any parser sees it (brackets inside quoted strings and
 * comments are skipped). A cheap, format-aware approximation: it only has to
 * stop pathological input, the parsers report everything else.
 */
export function findDeepBrackets(text: string, format: ConfigFormat, limit = MAX_NESTING): number | undefined {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      else if (c === '\n' && format !== 'yaml') quote = undefined; // JSON and TOML (single-line) strings end at the line
      continue;
    }
    switch (c) {
      case '"':
      case "'":
        if (format !== 'yaml' || startsYamlScalar(text, i)) quote = c;
        break;
      case '#':
        if (format === 'json') break;
        if (format === 'yaml' && i > 0 && !/\s/.test(text[i - 1]!)) break;
        while (i < text.length && text[i] !== '\n') i++;
        break;
      case '[':
      case '{':
        if (++depth > limit) return i;
        break;
      case ']':
      case '}':
        if (depth > 0) depth--;
        break;
    }
  }
  return undefined;
}

/** In YAML a quote opens a string only where a scalar starts (`it's` and `a 'b` are plain text). */
function startsYamlScalar(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0 || text[j] === '\n' || text[j] === '\r') return true;
  const prev = text[j]!;
  if (prev === '[' || prev === '{' || prev === ',') return true;
  // `key: 'v'`, `- 'v'`, `? 'k'`: an indicator followed by white space.
  return (prev === ':' || prev === '-' || prev === '?') && j < i - 1;
}

/**
 * YAML nests without brackets too: by indentation, and several levels on one
 * line (`- - - x`, `- a: 1`). The offset of the first line whose estimated
 * depth (indentation levels open, plus the `- `, `? ` and `key: ` indicators
 * that open a collection on the line) passes `limit`, or undefined.
 */
export function findDeepYamlBlocks(text: string, limit = MAX_NESTING): number | undefined {
  const indents: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    let i = lineStart;
    while (i < end && text[i] === ' ') i++;
    if (i < end && text[i] !== '#' && text[i] !== '\r') {
      const indent = i - lineStart;
      while (indents.length && indents[indents.length - 1]! > indent) indents.pop();
      if (!indents.length || indents[indents.length - 1]! < indent) indents.push(indent);
      let onLine = 0;
      while (i < end && (text[i] === '-' || text[i] === '?') && (i + 1 === end || text[i + 1] === ' ' || text[i + 1] === '\t')) {
        onLine++;
        i += 2;
        while (i < end && text[i] === ' ') i++;
      }
      if (indents.length + onLine > limit) return lineStart;
    }
    lineStart = end + 1;
  }
  return undefined;
}

/**
 * The path of the first value nested deeper than `limit` in a parsed config
 * (YAML block nesting such as `- - - -` and aliases escape the bracket scan),
 * or undefined. Iterative, so it cannot overflow the stack itself; a YAML
 * alias that contains itself counts as infinitely deep.
 */
export function findDeepValue(root: unknown, limit = MAX_NESTING): (string | number)[] | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= limit) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return undefined;
}
