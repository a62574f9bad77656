import { Client, fetchExchange } from '@urql/core';
import type { InjectionKey } from 'vue';
import { refreshExchange, type RefreshExchangeOptions } from './refresh-exchange';

/** Same origin in production; Vite proxies it to the API in development. */
export const GRAPHQL_URL = '/graphql';

export const apiClientKey: InjectionKey<Client> = Symbol('qifu.apiClient');

export interface ApiClientOptions extends RefreshExchangeOptions {
  url?: string;
  fetch?: typeof fetch;
}

export function createApiClient(options: ApiClientOptions): Client {
  return new Client({
    url: options.url ?? GRAPHQL_URL,
    fetch: options.fetch,
    // Always POST: Apollo's CSRF protection refuses simple GET requests.
    preferGetMethod: false,
    // No document cache on purpose: screens refetch after each change, and one user's data must
    // never be served to the next user who signs in on the same tab.
    requestPolicy: 'network-only',
    exchanges: [refreshExchange(options), fetchExchange],
  });
}
