import { createHash, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { PARK_ROLES, PLATFORM_ROLES, type ParkRole, type PlatformRole } from '@qifu/domain';
import type { Actor } from '../access/actor.js';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 60 * 60;
const ISSUER = 'qifu';
const ALGORITHM = 'HS256';
/** Clocks of several API processes differ a little: a token issued next door is not "from the future". */
const CLOCK_TOLERANCE_SECONDS = 5;

interface AccessClaims {
  usr: string;
  pid: string | null;
  did: string | null;
  prl: PlatformRole | null;
  /** Role grants as [role, departmentId] pairs. */
  rls: [ParkRole, string | null][];
  /** The user's session version when the token was issued (see SessionStates). */
  ver: number;
}

/** A token that passed every check: who it speaks for and the session version it was issued under. */
export interface VerifiedAccess {
  actor: Actor;
  sessionVersion: number;
}

export type AccessProblem = 'expired' | 'invalid';

// A token is verified once per process and remembered until it expires: every request of a
// signed-in user carries the same token, and checking its signature again would change nothing.
// Whether its session still stands is asked on every request (SessionStates), not remembered here.
const VERIFIED_MAX_ENTRIES = 10_000;

/** Signs and verifies short-lived access tokens that carry the actor, so a request needs no lookup. */
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly verified = new Map<string, VerifiedAccess & { expiresAtMs: number }>();

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(
    actor: Actor,
    sessionVersion: number,
    now = new Date(),
  ): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + ACCESS_TOKEN_TTL_SECONDS) * 1000);
    const claims: AccessClaims = {
      usr: actor.username,
      pid: actor.parkId,
      did: actor.districtId,
      prl: actor.platformRole,
      rls: actor.roles.map((grant) => [grant.role, grant.departmentId]),
      ver: sessionVersion,
    };
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(actor.userId)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The actor and session version, or the reason the token is refused. */
  async verify(token: string, now = Date.now()): Promise<VerifiedAccess | { problem: AccessProblem }> {
    const known = this.verified.get(token);
    if (known) {
      if (now < known.expiresAtMs) return { actor: known.actor, sessionVersion: known.sessionVersion };
      this.verified.delete(token);
    }
    const result = await this.check(token, now);
    if ('problem' in result) return result;
    if (this.verified.size >= VERIFIED_MAX_ENTRIES) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, result);
    return { actor: result.actor, sessionVersion: result.sessionVersion };
  }

  private async check(
    token: string,
    now: number,
  ): Promise<(VerifiedAccess & { expiresAtMs: number }) | { problem: AccessProblem }> {
    try {
      // One algorithm, one issuer; exp, iat and sub must be there (a token without exp never expires).
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: [ALGORITHM],
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: ACCESS_TOKEN_TTL_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now),
      });
      const claims = payload as unknown as AccessClaims & { sub: string; exp: number; iat: number };
      // This API never issues a longer life; a token claiming one was not made by it.
      if (claims.exp - claims.iat > ACCESS_TOKEN_TTL_SECONDS) return { problem: 'invalid' };
      if (typeof claims.sub !== 'string' || typeof claims.usr !== 'string' || !Array.isArray(claims.rls))
        return { problem: 'invalid' };
      if (!Number.isSafeInteger(claims.ver) || claims.ver < 1) return { problem: 'invalid' };
      if (claims.prl && !(PLATFORM_ROLES as readonly string[]).includes(claims.prl))
        return { problem: 'invalid' };
      const roles = claims.rls
        .filter(([role]) => (PARK_ROLES as readonly string[]).includes(role))
        .map(([role, departmentId]) => ({ role, departmentId }));
      return {
        expiresAtMs: claims.exp * 1000,
        sessionVersion: claims.ver,
        actor: {
          userId: claims.sub,
          username: claims.usr,
          parkId: claims.pid,
          districtId: claims.did,
          platformRole: claims.prl,
          roles,
        },
      };
    } catch (error) {
      return { problem: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
    }
  }
}

/** Refresh tokens are random and opaque; only their hash is stored. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
