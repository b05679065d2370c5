import { registerSecret } from '../../common/redact.js';
import type { RequestSpec } from '../http-types.js';
import type { Auth } from './auth.js';
import { setHeader } from './headers.js';

/** `user:password` UTF-8 encoded then base64, as dlt's HttpBasicAuth does (RFC 7617 with charset UTF-8). */
export function basicCredentials(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

/**
 * dlt's HttpBasicAuth: `Authorization: Basic base64(user:password)`.
 * The user name is masked too (dlt masks it; some APIs put the key there).
 */
export class HttpBasicAuth implements Auth {
  private readonly header: string;

  constructor(username: string, password: string) {
    const encoded = basicCredentials(username, password);
    registerSecret(username);
    registerSecret(password);
    registerSecret(encoded);
    this.header = `Basic ${encoded}`;
  }

  apply(req: RequestSpec): void {
    setHeader(req.headers, 'Authorization', this.header);
  }

  describe(): string {
    return 'http_basic';
  }
}
