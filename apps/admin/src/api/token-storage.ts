/** Everything the console keeps in localStorage is namespaced `qifu.` so a shared origin cannot clash. */
export const STORAGE_PREFIX = 'qifu.';

export interface StoredTokens {
  accessToken: string | null;
  accessTokenExpiresAt: string | null;
  refreshToken: string | null;
}

const KEYS = {
  accessToken: `${STORAGE_PREFIX}accessToken`,
  accessTokenExpiresAt: `${STORAGE_PREFIX}accessTokenExpiresAt`,
  refreshToken: `${STORAGE_PREFIX}refreshToken`,
} as const;

export function readTokens(): StoredTokens {
  return {
    accessToken: localStorage.getItem(KEYS.accessToken),
    accessTokenExpiresAt: localStorage.getItem(KEYS.accessTokenExpiresAt),
    refreshToken: localStorage.getItem(KEYS.refreshToken),
  };
}

export function writeTokens(tokens: StoredTokens): void {
  for (const [field, key] of Object.entries(KEYS) as [keyof StoredTokens, string][]) {
    const value = tokens[field];
    if (value) localStorage.setItem(key, value);
    else localStorage.removeItem(key);
  }
}

export function clearTokens(): void {
  for (const key of Object.values(KEYS)) localStorage.removeItem(key);
}

export function isTokenKey(key: string | null): boolean {
  return key !== null && (Object.values(KEYS) as string[]).includes(key);
}

export function readPreference(name: string): string | null {
  return localStorage.getItem(`${STORAGE_PREFIX}${name}`);
}

export function writePreference(name: string, value: string): void {
  localStorage.setItem(`${STORAGE_PREFIX}${name}`, value);
}
