// The Python callables of dlt's incremental tests, as module exports
// ({module: ./modules/convert.mjs, export: ...} in a config).

/** pendulum.from_timestamp(int(epoch)).to_date_string(); records each call. */
export function epochToDate(epoch) {
  epochToDate.calls.push(epoch);
  return new Date(Number.parseInt(String(epoch), 10) * 1000).toISOString().slice(0, 10);
}
epochToDate.calls = [];
