import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestloadError } from '../common/errors.js';
import type { FoundPipeline } from '../pipeline/inspect.js';
import { API_ROUTES } from './api.js';
import { HttpError, toErrorResponse } from './http-error.js';
import { readAsset } from './static.js';

export interface ShowServerOptions {
  pipeline: FoundPipeline;
  /** 0 (the default): a free port. */
  port?: number;
}

export interface ShowServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The only address the page is served on: nobody else on the network can read the data. */
export const HOST = '127.0.0.1';

/** A SQL query fits in far less; a bigger body is a mistake or an attack. */
const MAX_BODY = 100_000;

/**
 * Serves the page (static files from assets/show/) and its JSON API on
 * 127.0.0.1, with node:http alone: a handful of routes need no framework.
 *
 * Requests whose Host is not this server's (a DNS-rebinding page) and POSTs
 * from another origin are refused, so a web site open in the same browser
 * cannot read the data through the user's browser.
 */
export async function startShowServer(opts: ShowServerOptions): Promise<ShowServer> {
  let port = opts.port ?? 0;
  const server = createServer((req, res) => {
    handle(req, res, opts.pipeline, port).catch((e: unknown) => sendError(res, e));
  });
  await listen(server, port);
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${HOST}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      reject(new RestloadError(
        e.code === 'EADDRINUSE' ? `port ${port} on ${HOST} is already in use` : `cannot serve on ${HOST}:${port}: ${e.message}`,
        {
          code: 'SHOW_LISTEN', exitCode: 2, cause: e,
          hint: e.code === 'EADDRINUSE' ? 'pick another with --port, or leave --port out to get a free one'
            : e.code === 'EACCES' ? 'ports below 1024 need root: pick another with --port, or leave --port out to get a free one'
              : undefined,
        },
      ));
    });
    server.listen(port, HOST, () => resolve());
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, pipeline: FoundPipeline, port: number): Promise<void> {
  const allowed = [`${HOST}:${port}`, `localhost:${port}`];
  if (!allowed.includes(req.headers.host ?? '')) {
    throw new HttpError(403, `this page is served for http://${HOST}:${port}/ only`);
  }
  const url = new URL(req.url ?? '/', `http://${HOST}:${port}`);
  const route = API_ROUTES[url.pathname];
  if (route) {
    if (req.method !== route.method) throw new HttpError(405, `${url.pathname} takes ${route.method}, not ${req.method}`);
    let body: unknown;
    if (route.method === 'POST') {
      const origin = req.headers.origin;
      if (origin && !allowed.some((h) => origin === `http://${h}`)) throw new HttpError(403, `requests from ${origin} are not accepted`);
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'send the request body as application/json');
      body = await readJson(req);
    }
    const result = await route.handler({ pipeline, query: url.searchParams, body });
    return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result));
  }
  if (url.pathname.startsWith('/api/')) throw new HttpError(404, `no API endpoint ${url.pathname}`, `endpoints: ${Object.keys(API_ROUTES).join(', ')}`);
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `${req.method} is not served here`);
  const asset = await readAsset(url.pathname);
  if (!asset) throw new HttpError(404, `no page ${url.pathname}`);
  send(res, 200, asset.type, asset.body);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, `the request body is larger than ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      } catch {
        reject(new HttpError(400, 'the request body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // Everything the page needs comes from this server; inline scripts are not needed and not allowed.
    'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  });
  res.end(body);
}

function sendError(res: ServerResponse, e: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const { status, body } = toErrorResponse(e);
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}
