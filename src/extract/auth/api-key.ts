import { registerSecret } from '../../common/redact.js';
import type { ApiKeyLocation } from '../../config/schema/auth.js';
import type { RequestSpec } from '../http-types.js';
import type { Auth } from './auth.js';
import { setHeader } from './headers.js';

/**
 * dlt's APIKeyAuth: the key, as is, under `name` in a header, the query
 * string (`query` or dlt's alias `param`) or a cookie.
 */
export class ApiKeyAuth implements Auth {
  constructor(
    private readonly apiKey: string,
    private readonly name: string = 'Authorization',
    private readonly location: ApiKeyLocation = 'header',
  ) {
    registerSecret(apiKey);
  }

  apply(req: RequestSpec): void {
    switch (this.location) {
      case 'header':
        setHeader(req.headers, this.name, this.apiKey);
        return;
      case 'query':
      case 'param':
        req.params[this.name] = this.apiKey;
        return;
      case 'cookie':
        req.cookies = { ...req.cookies, [this.name]: this.apiKey };
        return;
    }
  }

  describe(): string {
    return `api_key(${this.location === 'param' ? 'query' : this.location} ${this.name})`;
  }
}
