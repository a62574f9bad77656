import { vi } from 'vitest';
import type { ErrorCode } from '@/gql/enums';

export interface RecordedCall {
  operationName: string;
  variables: Record<string, unknown>;
  authorization: string | null;
}

/** A handler returns the JSON body the API would send for one request. */
export type GraphQLHandler = (variables: Record<string, unknown>, call: RecordedCall) => unknown;

/**
 * A `fetch` that answers GraphQL requests by operation name: the network boundary of the console.
 * Unknown operations fail loudly so a test never passes on a request it did not expect.
 */
export function graphqlFetch(handlers: Record<string, GraphQLHandler>) {
  const calls: RecordedCall[] = [];
  const fetch = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as {
      operationName: string;
      variables?: Record<string, unknown>;
    };
    const call: RecordedCall = {
      operationName: body.operationName,
      variables: body.variables ?? {},
      authorization: new Headers(init?.headers).get('authorization'),
    };
    calls.push(call);
    const handler = handlers[body.operationName];
    if (!handler) throw new Error(`Unexpected GraphQL operation ${body.operationName}`);
    return new Response(JSON.stringify(handler(call.variables, call)), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  });
  const callsOf = (operationName: string) => calls.filter((call) => call.operationName === operationName);
  return { fetch: fetch as unknown as typeof globalThis.fetch, mock: fetch, calls, callsOf };
}

export function graphqlError(
  code: ErrorCode,
  message: string = code,
  extensions: Record<string, unknown> = {},
) {
  return { data: null, errors: [{ message, path: [], extensions: { code, ...extensions } }] };
}
