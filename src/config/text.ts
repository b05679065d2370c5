// Kept apart from parse.ts: the CLI's error output uses it without loading the parsers.

/**
 * What the parsers and the line numbers see. A byte order mark is invisible
 * to the user: dropped, so that columns on line 1 are what an editor shows.
 * A lone carriage return ends a line in editors and in YAML: made a line
 * feed (same length, so offsets stay), so every format and every line
 * number agrees with the editor.
 */
export function normalizeText(raw: string): string {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}
