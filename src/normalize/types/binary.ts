/**
 * The byte conversions behind dlt's `binary` coercions: `bytes.fromhex`,
 * `base64.b64decode(s, validate=True)`, `base64.b64encode` and
 * `int.to_bytes(n, "little")`. Node's `Buffer.from(s, 'base64')` silently
 * skips invalid characters and padding errors, which dlt rejects, so the
 * decoder below follows CPython's `binascii.a2b_base64(strict_mode=True)`
 * (Python 3.11+, what `validate=True` means there).
 */
import { isAsciiSpace } from './py-text.js';

function hexNibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : 16;
}

/** `bytes.fromhex(s)`: pairs of hex digits, ASCII whitespace allowed between (not inside) pairs. */
export function fromHex(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length >>> 1);
  let n = 0;
  let i = 0;
  while (i < s.length) {
    if (isAsciiSpace(s.charCodeAt(i))) {
      i++;
      continue;
    }
    const hi = hexNibble(s.charCodeAt(i));
    const lo = hexNibble(s.charCodeAt(i + 1));
    if (hi > 15 || lo > 15) return undefined;
    out[n++] = (hi << 4) | lo;
    i += 2;
  }
  return out.subarray(0, n);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;
const PAD = 0x3d;

/**
 * `base64.b64decode(s, validate=True)`: only the standard alphabet, no
 * leading or discontinuous padding, nothing after a complete pad sequence,
 * no dangling characters (`"QQ"` lacks padding). Surplus `=` after a
 * complete quad is ignored and leftover bits need not be zero, as in CPython.
 */
export function b64DecodeStrict(s: string): Uint8Array | undefined {
  const n = s.length;
  if (n > 0 && s.charCodeAt(0) === PAD) return undefined;
  const out = new Uint8Array(Math.floor((n * 3) / 4) + 3);
  let len = 0;
  let quadPos = 0;
  let left = 0;
  let pads = 0;
  let paddingStarted = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === PAD) {
      paddingStarted = true;
      if (quadPos >= 2 && quadPos + ++pads >= 4) {
        if (i + 1 < n) return undefined; // "Excess data after padding"
        return out.slice(0, len);
      }
      continue;
    }
    const v = c < 128 ? B64_VALUE[c]! : -1;
    if (v < 0 || paddingStarted) return undefined;
    pads = 0;
    switch (quadPos) {
      case 0:
        left = v;
        quadPos = 1;
        break;
      case 1:
        out[len++] = (left << 2) | (v >> 4);
        left = v & 0x0f;
        quadPos = 2;
        break;
      case 2:
        out[len++] = ((left << 4) | (v >> 2)) & 0xff;
        left = v & 0x03;
        quadPos = 3;
        break;
      default:
        out[len++] = ((left << 6) | v) & 0xff;
        quadPos = 0;
    }
  }
  return quadPos === 0 ? out.slice(0, len) : undefined;
}

/** `base64.b64encode(b).decode()`, dlt's `binary -> text`. */
export function b64Encode(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}

/** `n.to_bytes((n.bit_length() + 7) // 8, "little")`; `undefined` for negatives (OverflowError). */
export function intToBytesLE(n: bigint): Uint8Array | undefined {
  if (n < 0n) return undefined;
  const bytes: number[] = [];
  for (let v = n; v > 0n; v >>= 8n) bytes.push(Number(v & 0xffn));
  return Uint8Array.from(bytes);
}
