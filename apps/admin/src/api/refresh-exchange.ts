import { makeOperation, type Exchange, type Operation, type OperationResult } from '@urql/core';
import { empty, fromPromise, fromValue, makeSubject, merge, mergeMap, onPush, pipe, share, map } from 'wonka';
import { isUnauthenticated } from './graphql-errors';

/** Operations that must never trigger a refresh (signIn, refreshSession, signOut) set this in their context. */
export const SKIP_REFRESH = 'qifuSkipRefresh';
const RETRIED = 'qifuRetried';
const SENT_TOKEN = 'qifuAccessToken';

export interface RefreshExchangeOptions {
  getAccessToken(): string | null;
  /**
   * Rotates the tokens. `rejectedAccessToken` is the token the server refused, so a rotation done
   * meanwhile (by another request or tab) can be adopted instead of spending the refresh token twice.
   * Resolves `false` when the session cannot be renewed.
   */
  refresh(rejectedAccessToken: string | null): Promise<boolean>;
  /** Called once the session is gone for good (refresh failed, or the fresh token is refused too). */
  onAuthFailure(): void;
}

function withBearer(operation: Operation, token: string | null): Operation {
  if (operation.kind === 'teardown') return operation;
  const raw = operation.context.fetchOptions;
  const base: RequestInit = (typeof raw === 'function' ? raw() : raw) ?? {};
  const headers: Record<string, string> = Object.fromEntries(new Headers(base.headers).entries());
  if (token) headers.authorization = `Bearer ${token}`;
  return makeOperation(operation.kind, operation, {
    ...operation.context,
    [SENT_TOKEN]: token,
    fetchOptions: { ...base, headers },
  });
}

/**
 * Adds `Authorization: Bearer …` to every operation and, when the API answers UNAUTHENTICATED,
 * refreshes the session once and replays the operation once. Put it before `fetchExchange`.
 */
export function refreshExchange(options: RefreshExchangeOptions): Exchange {
  return ({ forward }) =>
    (operations$) => {
      const replays = makeSubject<Operation>();
      // Keys of operations still wanted by the client: a torn-down query must not be replayed.
      const live = new Set<number>();
      let pending: Promise<boolean> | null = null;

      const refreshOnce = (rejected: string | null): Promise<boolean> => {
        // Concurrent failures share one refresh: the refresh token rotates, a second use would fail.
        pending ??= options
          .refresh(rejected)
          .catch(() => false)
          .finally(() => {
            pending = null;
          });
        return pending;
      };

      const incoming$ = pipe(
        operations$,
        onPush((operation) => {
          if (operation.kind === 'teardown') live.delete(operation.key);
          else live.add(operation.key);
        }),
        share,
      );

      const results$ = pipe(
        merge([incoming$, replays.source]),
        map((operation) => withBearer(operation, options.getAccessToken())),
        forward,
      );

      return pipe(
        results$,
        mergeMap((result: OperationResult) => {
          const { operation } = result;
          if (!isUnauthenticated(result.error) || operation.context[SKIP_REFRESH]) return fromValue(result);
          if (operation.context[RETRIED]) {
            // A freshly issued token was refused as well: the session is not recoverable.
            options.onAuthFailure();
            return fromValue(result);
          }
          return pipe(
            fromPromise(refreshOnce((operation.context[SENT_TOKEN] as string | null) ?? null)),
            mergeMap((renewed) => {
              if (!renewed) {
                options.onAuthFailure();
                return fromValue(result);
              }
              if (live.has(operation.key)) {
                replays.next(
                  makeOperation(operation.kind, operation, { ...operation.context, [RETRIED]: true }),
                );
              }
              return empty;
            }),
          );
        }),
      );
    };
}
