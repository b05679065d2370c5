/**
 * Python's `str.format` replacement-field semantics for JSON values, as dlt
 * applies them to `{resources.<parent>.<field>}` and `{incremental.<x>}`:
 * `str()` and `repr()` of a value (`!s`, `!r`, `!a`) and the format-spec
 * mini-language after `:` (fill, align, sign, `#`, `0`, width, grouping,
 * precision, type). A JSON number is a Python int when it is a safe integer,
 * else a float (JSON.parse cannot tell `1.0` from `1`).
 */

/** A format spec Python would refuse (a ValueError or TypeError in dlt, at request time). */
export class FormatSpecError extends Error {}

export type Conversion = 's' | 'r' | 'a';

/** `format(value, spec)` after an optional `!conversion`, as `str.format` does it. */
export function formatField(value: unknown, conversion: Conversion | undefined, spec: string): string {
  let v: unknown = value;
  if (conversion === 's') v = pyStr(value);
  else if (conversion === 'r') v = pyRepr(value);
  else if (conversion === 'a') v = pyAscii(pyRepr(value));
  return pyFormat(v, spec);
}

/** Python's `str(value)` of a JSON value. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  return pyRepr(value);
}

/** Python's `repr(value)` of a JSON value. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return isPyInt(value) ? intDigits(value) : floatRepr(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return strRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

function isPyInt(n: number): boolean {
  return Number.isSafeInteger(n);
}

function intDigits(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** Python's float repr: the shortest round-trip digits, fixed for 1e-4 <= |x| < 1e16, else `1e+16`. */
function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const [mant, expStr] = x.toExponential().split('e') as [string, string];
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  let body: string;
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      const int = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1);
      body = `${int}.${frac || '0'}`;
    } else {
      body = `0.${'0'.repeat(-exp - 1)}${digits}`;
    }
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    body = `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return (neg ? '-' : '') + body;
}

function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c >= 0x80 && c < 0xa0) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}

/** Python's `ascii()` applied to a repr: non-ASCII as \x, \u or \U escapes. */
function pyAscii(repr: string): string {
  let out = '';
  for (const ch of repr) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c <= 0xff) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += `\\U${c.toString(16).padStart(8, '0')}`;
  }
  return out;
}

/** A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`. */
interface Spec {
  fill: string;
  align?: '<' | '>' | '=' | '^';
  sign?: '+' | '-' | ' ';
  alternate: boolean;
  zero: boolean;
  width?: number;
  grouping?: ',' | '_';
  precision?: number;
  type?: string;
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

export function parseSpec(spec: string): Spec {
  const m = SPEC.exec(spec);
  if (!m) throw new FormatSpecError(`Invalid format specifier '${spec}'`);
  const [, fill, align, sign, , alt, zero, width, grouping, precision, type] = m;
  return {
    fill: fill ?? (zero ? '0' : ' '),
    align: (align as Spec['align']) ?? (zero ? '=' : undefined),
    sign: sign as Spec['sign'],
    alternate: alt === '#',
    zero: zero === '0',
    width: width === undefined ? undefined : Number(width),
    grouping: grouping as Spec['grouping'],
    precision: precision === undefined ? undefined : Number(precision),
    type,
  };
}

/** Python's `format(value, spec)` for str, int, float, bool and None (others accept only an empty spec). */
export function pyFormat(value: unknown, spec: string): string {
  if (spec === '') return pyStr(value);
  const s = parseSpec(spec);
  if (typeof value === 'string') return formatStr(value, s, spec);
  if (typeof value === 'boolean') return formatNumber(value ? 1 : 0, s, true);
  if (typeof value === 'number') return formatNumber(value, s, isPyInt(value));
  const typeName = value === null || value === undefined ? 'NoneType' : Array.isArray(value) ? 'list' : 'dict';
  throw new FormatSpecError(`unsupported format string passed to ${typeName}.__format__`);
}

function formatStr(value: string, s: Spec, spec: string): string {
  if (s.type !== undefined && s.type !== 's') throw new FormatSpecError(`Unknown format code '${s.type}' for object of type 'str'`);
  if (s.sign) throw new FormatSpecError('Sign not allowed in string format specifier');
  if (s.alternate) throw new FormatSpecError('Alternate form (#) not allowed in string format specifier');
  if (s.align === '=' && !spec.includes('=')) s.align = undefined; // the `0` flag alone pads strings on the left
  if (s.align === '=') throw new FormatSpecError("'=' alignment not allowed in string format specifier");
  if (s.grouping) throw new FormatSpecError(`Cannot specify '${s.grouping}' with 's'.`);
  const text = s.precision === undefined ? value : [...value].slice(0, s.precision).join('');
  return pad('', text, s, '<');
}

function formatNumber(n: number, s: Spec, isInt: boolean): string {
  const type = s.type;
  const intTypes = 'bcdoxXn';
  if (type !== undefined && !intTypes.includes(type) && !'eEfFgG%'.includes(type)) {
    throw new FormatSpecError(`Unknown format code '${type}' for object of type '${isInt ? 'int' : 'float'}'`);
  }
  if (isInt && (type === undefined || intTypes.includes(type))) {
    // JSON.parse makes `12.0` the integer 12: a precision without an integer type can only mean a float.
    if (s.precision !== undefined && type === undefined) return formatFloat(n, s);
    if (s.precision !== undefined) throw new FormatSpecError('Precision not allowed in integer format specifier');
    return formatInt(n, s);
  }
  if (!isInt && type === 'n') return formatFloat(n, { ...s, type: 'g' });
  if (!isInt && type !== undefined && intTypes.includes(type)) {
    throw new FormatSpecError(`Unknown format code '${type}' for object of type 'float'`);
  }
  return formatFloat(n, s);
}

function formatInt(n: number, s: Spec): string {
  const type = s.type ?? 'd';
  if (type === 'c') {
    if (s.sign) throw new FormatSpecError("Sign not allowed with integer format specifier 'c'");
    return pad('', String.fromCodePoint(n), s, '>');
  }
  const neg = n < 0;
  const abs = Math.abs(n);
  const radix = type === 'b' ? 2 : type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
  let digits = abs.toString(radix);
  if (type === 'X') digits = digits.toUpperCase();
  if (s.grouping) {
    if (s.grouping === ',' && radix !== 10) throw new FormatSpecError(`Cannot specify ',' with '${type}'.`);
    digits = group(digits, radix === 10 ? 3 : 4, s.grouping);
  }
  const prefix = s.alternate ? ({ 2: '0b', 8: '0o', 16: type === 'X' ? '0X' : '0x', 10: '' } as Record<number, string>)[radix]! : '';
  return pad(signOf(neg, s) + prefix, digits, s, '>');
}

function formatFloat(x: number, s: Spec): string {
  const type = s.type;
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  let body: string;
  if (!Number.isFinite(abs)) {
    body = Number.isNaN(abs) ? 'nan' : 'inf';
    if (type === 'E' || type === 'F' || type === 'G') body = body.toUpperCase();
  } else if (type === 'f' || type === 'F') {
    body = fixed(abs, s.precision ?? 6);
    if (s.alternate && !body.includes('.')) body += '.';
  } else if (type === 'e' || type === 'E') {
    body = expo(abs, s.precision ?? 6, s.alternate);
    if (type === 'E') body = body.toUpperCase();
  } else if (type === '%') {
    body = `${fixed(abs * 100, s.precision ?? 6)}%`;
  } else if (type === 'g' || type === 'G') {
    body = general(abs, s.precision ?? 6, s.alternate, false);
    if (type === 'G') body = body.toUpperCase();
  } else if (s.precision === undefined) {
    body = floatRepr(abs);
    if (isPyInt(x)) body = `${intDigits(abs)}.0`;
  } else {
    body = general(abs, s.precision, s.alternate, true);
  }
  if (s.grouping) {
    const dot = body.search(/[.e%]/);
    const intPart = dot < 0 ? body : body.slice(0, dot);
    if (/^\d+$/.test(intPart)) body = group(intPart, 3, s.grouping) + (dot < 0 ? '' : body.slice(dot));
  }
  return pad(signOf(neg && !Number.isNaN(x), s), body, s, '>');
}

/** `x` with `digits` decimals, correctly rounded, ties to even (as Python's repr-based formatting). */
function fixed(x: number, digits: number): string {
  if (x >= 1e21) {
    const int = BigInt(x).toString();
    return digits > 0 ? `${int}.${'0'.repeat(digits)}` : int;
  }
  if (digits > 100) return fixed(x, 100) + '0'.repeat(digits - 100);
  const rounded = x.toFixed(digits);
  const tie = halfwayDigits(x.toFixed(Math.min(100, digits + 30)), digits);
  return tie !== undefined && isEven(tie) ? tie : rounded;
}

/**
 * When `long` (an exact-enough expansion) is exactly halfway after `digits`
 * decimals, the truncated string; JavaScript's toFixed rounds such ties away
 * from zero, Python to even.
 */
function halfwayDigits(long: string, digits: number): string | undefined {
  const dot = long.indexOf('.');
  if (dot < 0) return undefined;
  const rest = long.slice(dot + 1 + digits);
  if (!/^50*$/.test(rest)) return undefined;
  const cut = long.slice(0, dot + 1 + digits);
  return cut.endsWith('.') ? cut.slice(0, -1) : cut;
}

function isEven(digits: string): boolean {
  return Number(digits.at(-1)) % 2 === 0;
}

function expo(x: number, digits: number, alternate: boolean): string {
  let s = x.toExponential(Math.min(digits, 100));
  const long = x.toExponential(Math.min(100, digits + 30));
  const [lm, le] = long.split('e') as [string, string];
  const tie = halfwayDigits(lm, digits);
  if (tie !== undefined && isEven(tie)) s = `${tie}e${le}`;
  const [m, e] = s.split('e') as [string, string];
  const mant = alternate && !m.includes('.') ? `${m}.` : m;
  const exp = Number(e);
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** `g`: `p` significant digits, fixed or scientific by the exponent; `noType` is Python's empty type with a precision. */
function general(x: number, precision: number, alternate: boolean, noType: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alternate ? `0.${'0'.repeat(p - 1)}` : noType ? '0.0' : '0';
  const e = expo(x, p - 1, false);
  const exp = Number(e.split('e')[1]);
  let out: string;
  if (exp >= -4 && exp < (noType ? p - 1 : p)) {
    out = fixed(x, Math.max(0, p - 1 - exp));
    if (!alternate && out.includes('.')) out = out.replace(/0+$/, '').replace(/\.$/, '');
    if (noType && !out.includes('.')) out += '.0';
  } else {
    const [m, ex] = e.split('e') as [string, string];
    const mant = alternate ? m : m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m;
    out = `${mant}e${ex}`;
  }
  return out;
}

function group(digits: string, size: number, sep: string): string {
  let out = '';
  for (let i = digits.length; i > 0; i -= size) out = digits.slice(Math.max(0, i - size), i) + (out ? sep + out : '');
  return out;
}

function signOf(neg: boolean, s: Spec): string {
  if (neg) return '-';
  return s.sign === '+' ? '+' : s.sign === ' ' ? ' ' : '';
}

/** Pads `prefix + body` to the width: fill and alignment, `=` putting the padding after the sign. */
function pad(prefix: string, body: string, s: Spec, defaultAlign: '<' | '>'): string {
  const len = [...prefix].length + [...body].length;
  const width = s.width ?? 0;
  if (len >= width) return prefix + body;
  const n = width - len;
  const align = s.align ?? defaultAlign;
  const fill = s.fill;
  if (align === '<') return prefix + body + fill.repeat(n);
  if (align === '>') return fill.repeat(n) + prefix + body;
  if (align === '=') return prefix + fill.repeat(n) + body;
  const left = Math.floor(n / 2);
  return fill.repeat(left) + prefix + body + fill.repeat(n - left);
}
