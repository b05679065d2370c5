/**
 * Python `str` behaviour that dlt's coercions rely on and JavaScript does not
 * share: `str.strip()` trims Python's whitespace set (not JS `trim()`'s), and
 * `int()`, `float()` and `Decimal()` accept any Unicode decimal digit
 * (category Nd), e.g. Arabic-Indic or full-width digits, by first mapping
 * the string to ASCII (CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`).
 * Every function has an allocation-free fast path for plain ASCII input.
 */

/** `str.isspace()` for one UTF-16 unit (Python's set has no astral members). */
export function isPythonSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Python's `s.strip()`; returns `s` itself when there is nothing to trim. */
export function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isPythonSpace(s.charCodeAt(start))) start++;
  while (end > start && isPythonSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** C's `Py_ISSPACE`: the ASCII whitespace CPython's number parsers skip. */
export function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

const ND = /^\p{Nd}$/u;

/** Whether code point `cp` is a Unicode decimal digit (what Python's `\d` and `int()` accept). */
export function isDecimalDigit(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return cp >= 0x660 && ND.test(String.fromCodePoint(cp));
}

/**
 * The value (0-9) of a Unicode decimal digit, or -1. Unicode encodes every
 * Nd digit set as a contiguous, ascending run from 0 to 9 (a stability
 * guarantee), and adjacent runs are all complete, so the value is the
 * distance to the start of the run modulo 10.
 */
export function digitValue(cp: number): number {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39 ? cp - 0x30 : -1;
  if (!isDecimalDigit(cp)) return -1;
  let start = cp;
  while (isDecimalDigit(start - 1)) start--;
  return (cp - start) % 10;
}

/**
 * CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: non-ASCII decimal
 * digits become ASCII digits, non-ASCII whitespace becomes a space, and the
 * first other non-ASCII character becomes `?` (cutting the string, which
 * then fails to parse). Returns `s` when it is already ASCII.
 */
export function toAsciiNumeric(s: string): string {
  let i = 0;
  const n = s.length;
  while (i < n && s.charCodeAt(i) < 0x7f) i++;
  if (i === n) return s;
  let out = s.slice(0, i);
  while (i < n) {
    const cp = s.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (cp < 0x7f) out += String.fromCharCode(cp);
    else if (cp <= 0xffff && isPythonSpace(cp)) out += ' ';
    else {
      const d = digitValue(cp);
      if (d < 0) return out + '?';
      out += String.fromCharCode(0x30 + d);
    }
  }
  return out;
}
