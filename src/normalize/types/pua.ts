/**
 * dlt marks typed values inside its own JSON files with a leading Unicode
 * private-use character (U+F026 Decimal, U+F027 datetime, ... see
 * `dlt/common/json/__init__.py`). When a `json` value is coerced, dlt strips
 * such a marker from every nested string (`custom_pua_remove` applied by
 * `map_nested_values_in_place`), so a string from an API that happens to
 * start with one of these characters loses it. Ported for fidelity.
 */

/** dlt's default `PUA_START` (0xf026) and its `PUA_CHARACTER_MAX` (8, inclusive). */
const PUA_FIRST = 0xf026;
const PUA_LAST = PUA_FIRST + 8;

/** `custom_pua_remove` for one value. */
function strip(v: unknown): unknown {
  if (typeof v === 'string' && v.length > 1) {
    const c = v.charCodeAt(0);
    if (c >= PUA_FIRST && c <= PUA_LAST) return v.slice(1);
  }
  return v;
}

/**
 * `map_nested_values_in_place(custom_pua_remove, value)`: rewrites marked
 * strings inside `value` in place (like dlt) and returns `false` when
 * `value` is not an object or array (dlt raises "Not a nested type").
 * Allocates nothing when no string carries a marker.
 */
export function removePuaInPlace(value: unknown): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'object' && v !== null) removePuaInPlace(v);
      else if (typeof v === 'string') {
        const s = strip(v);
        if (s !== v) value[i] = s;
      }
    }
    return true;
  }
  if (typeof value !== 'object' || value === null) return false;
  const obj = value as Record<string, unknown>;
  for (const k in obj) {
    const v = obj[k];
    if (typeof v === 'object' && v !== null) removePuaInPlace(v);
    else if (typeof v === 'string') {
      const s = strip(v);
      if (s !== v) obj[k] = s;
    }
  }
  return true;
}
