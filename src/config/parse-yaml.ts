import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import type { Position } from './positions.js';

/** One YAML problem, where it is, with a hint when the usual cause is known. */
export interface YamlProblem {
  message: string;
  at: Position;
  hint?: string;
}

/** Raised with every syntax problem of a YAML file (the parser collects them, so can we). */
export class YamlSyntaxError extends Error {
  constructor(readonly problems: YamlProblem[]) {
    super(problems[0]?.message ?? 'YAML syntax error');
  }
}

/** Aliases a config may expand; far beyond any real config, far below a "billion laughs" file. */
const MAX_ALIAS_COUNT = 1000;

/** What to do about the yaml library's error codes that new users meet most. */
const HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  BAD_INDENT: 'align this line with the other keys of its block',
  DUPLICATE_KEY: 'each key may appear once in a mapping; remove or rename one of them',
  BLOCK_AS_IMPLICIT_KEY: 'a key and its value go on one line as `key: value`, or the value indented on the next lines',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; check for a missing ":" or an unclosed quote on the line before',
  MISSING_CHAR: 'a quote or bracket opened here is not closed',
  UNEXPECTED_TOKEN: 'check the line for a stray character or a missing space after ":"',
  MULTIPLE_DOCS: 'a config is one YAML document; remove the extra `---`',
  RESOURCE_EXHAUSTION: 'the file is nested too deeply to be a config',
};

/** A YAML document with positions; JSON-only files go through parse-json.ts instead. */
export function parseYaml(text: string): { value: unknown; locate: (path: readonly (string | number)[], opts?: { key?: boolean }) => Position | undefined } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number): Position => {
    const p = lines.linePos(Math.min(offset, text.length));
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length) {
    const seenLines = new Set<number>();
    const problems: YamlProblem[] = [];
    for (const e of doc.errors) {
      const pos = at(e.pos[0]);
      // One problem per line: the parser's follow-on complaints about the same line add nothing.
      if (seenLines.has(pos.line)) continue;
      seenLines.add(pos.line);
      const message = e.code === 'RESOURCE_EXHAUSTION' ? 'nested too deeply to parse' : e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      const unclosed = /end with an? [\]}]/.test(message) ? `a ${message.includes(']') ? '[' : '{'} opened earlier is not closed` : undefined;
      problems.push({ message, at: pos, hint: unclosed ?? HINTS[e.code] });
    }
    throw new YamlSyntaxError(problems);
  }
  const keyProblems: YamlProblem[] = [];
  visit(doc, {
    Pair(_key, pair) {
      const key = isAlias(pair.key) ? pair.key.resolve(doc) : pair.key;
      // The library would turn such a key into text (with a warning on stderr); a config key is a name.
      if (key && !isScalar(key) && (pair.key as Node).range) {
        keyProblems.push({ message: `a key must be a name, not a ${isSeq(key) ? 'list' : 'mapping'}`, at: at((pair.key as Node).range![0]), hint: 'check the indentation and the ":" of this line and the one before' });
      }
    },
  });
  if (keyProblems.length) throw new YamlSyntaxError(keyProblems);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // "Excessive alias count" (an alias bomb) or an alias the library cannot resolve; either way the aliases are to blame.
    const alias = worstAlias(doc);
    throw new YamlSyntaxError([{
      message: /alias count/i.test((e as Error).message) ? `aliases expand to more than ${MAX_ALIAS_COUNT} nodes` : `cannot resolve the document: ${(e as Error).message}`,
      at: alias?.range ? at(alias.range[0]) : { line: 1, column: 1 },
      hint: 'write the repeated parts out, or use fewer nested aliases (*name)',
    }]);
  }
  return {
    value,
    locate(path, opts) {
      let node: unknown = doc.contents;
      let keyNode: unknown;
      for (const seg of path) {
        if (isAlias(node)) node = node.resolve(doc);
        if (isMap(node)) {
          const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
          if (!pair) break;
          keyNode = pair.key;
          node = pair.value;
        } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
          node = node.items[seg];
          keyNode = undefined;
        } else break;
      }
      const target = (opts?.key && keyNode ? keyNode : node ?? keyNode) as Node | undefined;
      return target?.range ? at(target.range[0]) : undefined;
    },
  };
}

/** The alias to blame for an expansion: the last one that points at a node holding aliases itself (the amplifier). */
function worstAlias(doc: Document): Node | undefined {
  let first: Node | undefined;
  let amplifier: Node | undefined;
  visit(doc, {
    Alias(_key, node) {
      first ??= node;
      const target = node.resolve(doc);
      let nested = false;
      if (target) {
        visit(target, { Alias() {
          nested = true;
          return visit.BREAK;
        } });
      }
      if (nested) amplifier = node;
    },
  });
  return amplifier ?? first;
}
