/**
 * Set a header replacing any spelling of the same name: requests' headers are
 * case-insensitive, so in dlt auth overrides `authorization: ...` from the
 * client config. A plain record would otherwise send both.
 */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  const lower = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key !== name && key.toLowerCase() === lower) delete headers[key];
  headers[name] = value;
}
