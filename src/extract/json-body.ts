import { isAscii } from 'node:buffer';

/**
 * Parses a UTF-8 JSON response body, as `JSON.parse(body.toString('utf8'))`
 * would, faster on the bodies most APIs send.
 *
 * Profiled on GitHub-like issues (bench/, ~2.6 KB each with some non-ASCII
 * text): decoding the body to a string cost 2.4 ms a page of 100, more than
 * JSON.parse itself (0.9 ms), because V8's UTF-8 decoder takes a slow path
 * and builds a two-byte string as soon as one byte is not ASCII. Decoding as
 * Latin-1 is a plain byte copy into a one-byte string, which JSON.parse also
 * reads faster. In valid JSON every byte ≥ 0x80 sits inside a string, so the
 * only strings Latin-1 gets wrong are those holding such bytes: they are
 * found by a walk over the parsed value and decoded again from their bytes.
 * Measured: 3.4 → 2.0–2.5 ms a page.
 *
 * A `\u` escape could put a character ≥ 0x80 into a string that the walk would
 * then mistake for raw bytes, so a body containing `\u` takes the plain path.
 */
export function parseJsonBody(body: Buffer): unknown {
  if (isAscii(body)) return JSON.parse(body.toString('latin1'));
  if (body.includes(BACKSLASH_U)) return JSON.parse(body.toString('utf8'));
  return redecode(JSON.parse(body.toString('latin1')));
}

const BACKSLASH_U = Buffer.from('\\u', 'latin1');
const HIGH = /[\x80-\xff]/;

/** A Latin-1 decoded string back to what UTF-8 decoding the same bytes gives. */
function utf8(s: string): string {
  return HIGH.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}

function redecode(v: unknown): unknown {
  if (typeof v === 'string') return utf8(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'string') v[i] = utf8(x);
      else if (x !== null && typeof x === 'object') {
        const y = redecode(x);
        if (y !== x) v[i] = y;
      }
    }
    return v;
  }
  const o = v as Record<string, unknown>;
  let keysToFix = false;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'string') {
      if (HIGH.test(x)) o[k] = utf8(x);
    } else if (x !== null && typeof x === 'object') {
      const y = redecode(x);
      if (y !== x) o[k] = y;
    }
    if (!keysToFix && HIGH.test(k)) keysToFix = true;
  }
  if (!keysToFix) return o;
  // Rare: a key with non-ASCII characters. Rebuilt in the same order;
  // fromEntries defines own properties, so a "__proto__" key stays data.
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [utf8(k), x]));
}
