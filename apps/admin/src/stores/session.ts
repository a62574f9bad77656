import { defineStore } from 'pinia';
import { computed, inject, ref, shallowRef } from 'vue';
import type { CombinedError } from '@urql/core';
import { apiClientKey } from '@/api/api-client';
import { SKIP_REFRESH } from '@/api/refresh-exchange';
import { clearTokens, readTokens, writeTokens } from '@/api/token-storage';
import { abilityFromPacked, buildAbility, type AppAbility } from '@/auth/ability';
import {
  ChangePasswordDocument,
  RefreshSessionDocument,
  SessionDocument,
  SignInDocument,
  SignOutDocument,
  type AuthPayloadFieldsFragment,
  type ChangePasswordInput,
  type MeFieldsFragment,
  type SignInInput,
} from '@/gql/graphql';

const authContext = { [SKIP_REFRESH]: true };

/** Serialise token rotation across tabs where the browser allows it (Web Locks). */
function withRefreshLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request('qifu.refresh', task) : task();
}

export const useSessionStore = defineStore('session', () => {
  const injected = inject(apiClientKey);
  if (!injected) throw new Error('The API client must be provided before the session store is used');
  const client = injected;

  const stored = readTokens();
  const accessToken = ref(stored.accessToken);
  const accessTokenExpiresAt = ref(stored.accessTokenExpiresAt);
  const refreshToken = ref(stored.refreshToken);
  const me = ref<MeFieldsFragment | null>(null);
  const ability = shallowRef<AppAbility>(buildAbility());

  const isAuthenticated = computed(() => Boolean(accessToken.value || refreshToken.value));
  const isLoaded = computed(() => me.value !== null);
  /** The tenant shown in the header: park, else district; null means the platform itself. */
  const tenantName = computed(() => me.value?.park?.name ?? me.value?.district?.name ?? null);

  function applyPayload(payload: AuthPayloadFieldsFragment): void {
    accessToken.value = payload.accessToken;
    accessTokenExpiresAt.value = payload.accessTokenExpiresAt;
    refreshToken.value = payload.refreshToken;
    writeTokens({
      accessToken: payload.accessToken,
      accessTokenExpiresAt: payload.accessTokenExpiresAt,
      refreshToken: payload.refreshToken,
    });
    me.value = payload.me;
  }

  function clear(): void {
    accessToken.value = null;
    accessTokenExpiresAt.value = null;
    refreshToken.value = null;
    me.value = null;
    ability.value = buildAbility();
    clearTokens();
  }

  /** Adopt what another tab wrote (login, rotation or logout). */
  function syncFromStorage(): void {
    const latest = readTokens();
    accessToken.value = latest.accessToken;
    accessTokenExpiresAt.value = latest.accessTokenExpiresAt;
    refreshToken.value = latest.refreshToken;
    if (!latest.accessToken && !latest.refreshToken) {
      me.value = null;
      ability.value = buildAbility();
    }
  }

  async function load(): Promise<CombinedError | null> {
    const result = await client.query(SessionDocument, {}).toPromise();
    if (!result.data) return result.error ?? null;
    me.value = result.data.me;
    ability.value = abilityFromPacked(result.data.myAbilities);
    return null;
  }

  let loading: Promise<CombinedError | null> | null = null;

  /** Loads `me` and the abilities once per session; false when there is no usable session. */
  async function ensureLoaded(): Promise<boolean> {
    if (!isAuthenticated.value) return false;
    if (me.value) return true;
    loading ??= load().finally(() => {
      loading = null;
    });
    await loading;
    return me.value !== null;
  }

  /** Returns the API error to show, or null once signed in and loaded. */
  async function login(input: SignInInput): Promise<CombinedError | null> {
    const result = await client.mutation(SignInDocument, { input }, authContext).toPromise();
    if (!result.data) return result.error ?? null;
    applyPayload(result.data.signIn);
    return load();
  }

  /**
   * Changes the signed-in person's password. The API ends every other session and returns new
   * tokens for this one, which take the old ones' place here (and in the other tabs, by storage).
   */
  async function changePassword(input: ChangePasswordInput): Promise<CombinedError | null> {
    const result = await client.mutation(ChangePasswordDocument, { input }).toPromise();
    if (!result.data) return result.error ?? null;
    applyPayload(result.data.changePassword);
    return null;
  }

  async function refresh(rejectedAccessToken: string | null): Promise<boolean> {
    return withRefreshLock(async () => {
      syncFromStorage();
      // Someone rotated while we waited: use their token rather than spending ours twice.
      if (accessToken.value && accessToken.value !== rejectedAccessToken) return true;
      if (!refreshToken.value) return false;
      const result = await client
        .mutation(RefreshSessionDocument, { input: { refreshToken: refreshToken.value } }, authContext)
        .toPromise();
      if (!result.data) return false;
      applyPayload(result.data.refreshSession);
      return true;
    });
  }

  async function logout(): Promise<void> {
    const token = refreshToken.value;
    try {
      // Best effort: revoke server-side; the local session ends whatever happens.
      if (token)
        await client.mutation(SignOutDocument, { input: { refreshToken: token } }, authContext).toPromise();
    } finally {
      clear();
    }
  }

  return {
    accessToken,
    accessTokenExpiresAt,
    refreshToken,
    me,
    ability,
    isAuthenticated,
    isLoaded,
    tenantName,
    login,
    load,
    ensureLoaded,
    refresh,
    changePassword,
    logout,
    clear,
    syncFromStorage,
  };
});

export type SessionStore = ReturnType<typeof useSessionStore>;
