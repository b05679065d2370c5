import type { HttpSender, RequestSpec } from '../../../src/extract/http-types.js';
import type { Auth } from '../../../src/extract/auth/auth.js';

/** A fresh request as the client hands it to auth. */
export function request(overrides: Partial<RequestSpec> = {}): RequestSpec {
  return { method: 'GET', url: '/items', params: {}, headers: {}, ...overrides };
}

/** Auth that does not fetch tokens never calls the sender; this one fails the test if it does. */
export const noHttp: HttpSender = {
  send() {
    throw new Error('unexpected HTTP request');
  },
};

/** Applies auth through the Auth interface, as the client calls it. */
export async function applyTo(auth: Auth, req: RequestSpec): Promise<void> {
  await auth.apply(req, noHttp);
}
