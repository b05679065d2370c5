/** dlt's load id: the Unix time in seconds with microsecond digits, e.g. "1733036400.123456". */
export function newLoadId(now = Date.now()): string {
  const seconds = Math.floor(now / 1000);
  const micros = (now % 1000) * 1000 + Math.floor(Math.random() * 1000);
  return `${seconds}.${String(micros).padStart(6, '0')}`;
}
