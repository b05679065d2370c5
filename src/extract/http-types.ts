/**
 * The request and response shapes every extract component speaks. They are
 * plain data so paginators, auth and response actions can be unit-tested
 * without a server, and so only `client.ts` knows about got.
 */

/** One HTTP request, before auth and pagination have touched it. */
export interface RequestSpec {
  method: string;
  /** A path relative to the client's base_url, or an absolute URL. */
  url: string;
  /** Query parameters; undefined/null values are not sent. */
  params: Record<string, unknown>;
  /** JSON body (dlt's `json`). */
  json?: unknown;
  /** Form or raw body (dlt's `data`). */
  data?: unknown;
  headers: Record<string, string>;
  cookies?: Record<string, string>;
}

/** One HTTP response, with its body parsed (JSON when it is JSON, else text). */
export interface PageResponse {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The final URL, after redirects. */
  url: string;
  /** Parsed JSON body, or the raw text if the body was not JSON. */
  body: unknown;
  /** Raw text of the body (for response actions matching `content`). */
  text(): string;
  /** The request that produced this response (after auth and pagination). */
  request: RequestSpec;
}

/** The narrow interface auth and paginators need from the HTTP client. */
export interface HttpSender {
  send(req: RequestSpec, opts?: { auth?: boolean }): Promise<PageResponse>;
}
