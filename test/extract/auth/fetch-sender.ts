import type { HttpSender, PageResponse, RequestSpec } from '../../../src/extract/http-types.js';

/**
 * A minimal HttpSender on fetch, for tests against a 127.0.0.1 server:
 * a Record `data` is sent form-urlencoded, `json` as JSON. Records every
 * request and its `auth` option so tests can see the token call skipped auth.
 */
export class FetchSender implements HttpSender {
  readonly sent: { req: RequestSpec; auth: boolean | undefined }[] = [];

  constructor(private readonly baseUrl: string) {}

  async send(req: RequestSpec, opts?: { auth?: boolean }): Promise<PageResponse> {
    this.sent.push({ req, auth: opts?.auth });
    const url = new URL(req.url, this.baseUrl);
    for (const [k, v] of Object.entries(req.params)) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    let body: string | undefined;
    if (req.json !== undefined) body = JSON.stringify(req.json);
    else if (req.data !== undefined) body = new URLSearchParams(req.data as Record<string, string>).toString();
    const res = await fetch(url, { method: req.method, headers: req.headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text, as the real client does
    }
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      url: res.url,
      body: parsed,
      text: () => text,
      request: req,
    };
  }
}
