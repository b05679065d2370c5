/** A 1-based line and column in a config file (columns count UTF-16 code units, as editors do). */
export interface Position {
  line: number;
  column: number;
}

/**
 * Where a config value was written, and where its key was (for a value in a
 * mapping). Children are keyed by `String(key)`, array indexes included, so
 * one tree serves the JSON and the TOML parser.
 */
export interface PositionNode {
  at: Position;
  key?: Position;
  children?: Map<string, PositionNode>;
}

/** The node at `path`, or the deepest one on the way there (a missing key is reported at its parent). */
export function locateIn(root: PositionNode | undefined, path: readonly (string | number)[], opts?: { key?: boolean }): Position | undefined {
  let node = root;
  for (const seg of path) {
    const next = node?.children?.get(String(seg));
    if (!next) break;
    node = next;
  }
  if (!node) return undefined;
  return opts?.key && node.key ? node.key : node.at;
}

/** Offsets → line and column, by binary search over the line starts (`\n`; a `\r` before it is part of the line). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - this.starts[lo]! + 1 };
  }

  /**
   * Where "the end of the file" is best shown: just after the last character
   * that is not white space (an unclosed bracket is reported there, not on
   * an empty line after it).
   */
  endOfContent(): Position {
    const m = /\s*$/.exec(this.text);
    return this.position(m ? m.index : this.text.length);
  }
}
