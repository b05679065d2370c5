/**
 * The few Python conversions dlt's paginators apply to JSON values. Matching
 * them keeps the same responses paginating the same way under restload.
 */

/** Python's `int(value)`; undefined where Python raises (e.g. "20.5", "abc", a list). */
export function toPythonInt(value: unknown): number | undefined {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : undefined;
  if (typeof value === 'string') {
    const m = /^\s*([+-]?\d+(?:_\d+)*)\s*$/.exec(value);
    return m ? Number(m[1]!.replaceAll('_', '')) : undefined;
  }
  return undefined;
}

/** Python truthiness of a JSON value: null, false, 0, "", [] and {} are false. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/** dlt's `str2bool`: the spellings of yes and no it accepts; undefined for anything else. */
export function strToBool(value: string): boolean | undefined {
  const v = value.toLowerCase();
  if (v === 'yes' || v === 'true' || v === 't' || v === 'y' || v === '1') return true;
  if (v === 'no' || v === 'false' || v === 'f' || v === 'n' || v === '0') return false;
  return undefined;
}
