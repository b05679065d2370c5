import { registerSecret } from '../../common/redact.js';
import type { RequestSpec } from '../http-types.js';
import type { Auth } from './auth.js';
import { setHeader } from './headers.js';

/** dlt's BearerTokenAuth: `Authorization: Bearer <token>` on every request. */
export class BearerTokenAuth implements Auth {
  constructor(private readonly token: string) {
    registerSecret(token);
  }

  apply(req: RequestSpec): void {
    setHeader(req.headers, 'Authorization', `Bearer ${this.token}`);
  }

  describe(): string {
    return 'bearer';
  }
}
