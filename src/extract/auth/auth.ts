import type { HttpSender, RequestSpec } from '../http-types.js';

/** Authentication applied to every request of a client. */
export interface Auth {
  /** Mutate the request: add headers, query params or cookies. May fetch a token first. */
  apply(req: RequestSpec, http: HttpSender): Promise<void> | void;
  describe(): string;
}
