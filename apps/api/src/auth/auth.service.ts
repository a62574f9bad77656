import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { PlatformRole } from '@qifu/domain';
import type { Actor } from '../access/actor.js';
import { accountLocked, tooManyRequests, unauthenticated } from '../common/errors.js';
import { applyScope, NO_SCOPE, type TenantDb } from '../database/tenant-db.js';
import type { AuthPayload, Me } from '../graphql/models.js';
import { loadDirectory } from '../directory/directory.queries.js';
import { officeAccountOf } from '../offices/office-account.queries.js';
import { roleGrantsOf } from '../users/user.queries.js';
import type { LoginLimiter } from './login-limiter.js';
import { verifyAgainstNothing, verifyPassword } from './passwords.js';
import { type AccessTokens, hashRefreshToken, newRefreshToken, REFRESH_TOKEN_TTL_SECONDS } from './tokens.js';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

const WRONG_CREDENTIALS = '用户名或密码错误 / Wrong username or password';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  home_park_id: string | null;
  platform_role: PlatformRole | null;
  district_id: string | null;
  active: boolean;
  failed_attempts: number;
  locked_until: Date | null;
}

type LoginOutcome =
  { ok: true; user: UserRow } | { ok: false; error: 'wrong' | 'locked'; lockedUntil?: Date };

/** Sign-in, token refresh with rotation, sign-out; and the signed-in user's profile. */
export class AuthService {
  constructor(
    private readonly db: TenantDb,
    private readonly tokens: AccessTokens,
    private readonly limiters: { perAddress: LoginLimiter; perAccount: LoginLimiter },
  ) {}

  async login(username: string, password: string, clientIp: string): Promise<AuthPayload> {
    const login = username.trim().toLowerCase();
    // Per address against password spraying; per address and account so one office behind a
    // shared address is not blocked by a single person's typos.
    const wait = Math.max(
      this.limiters.perAddress.hit(clientIp),
      this.limiters.perAccount.hit(`${clientIp}|${login}`),
    );
    if (wait > 0) throw tooManyRequests(wait);
    // The attempt's outcome (counter, lock) is committed before the error is returned.
    const outcome = await this.db.run({ ...NO_SCOPE, login }, async (em): Promise<LoginOutcome> => {
      const [user] = (await em.query(`SELECT * FROM users WHERE lower(username) = $1 FOR UPDATE`, [
        login,
      ])) as UserRow[];
      if (!user) {
        await verifyAgainstNothing(password);
        return { ok: false, error: 'wrong' };
      }
      if (user.locked_until && user.locked_until > new Date()) {
        return { ok: false, error: 'locked', lockedUntil: user.locked_until };
      }
      const valid = await verifyPassword(user.password_hash, password);
      if (!valid || !user.active) {
        const attempts = user.failed_attempts + 1;
        const lock = attempts >= MAX_FAILED_ATTEMPTS;
        const [[updated]] = (await em.query(
          `UPDATE users SET failed_attempts = $2,
                  locked_until = CASE WHEN $3::boolean THEN now() + make_interval(mins => $4) ELSE locked_until END
            WHERE id = $1 RETURNING locked_until`,
          [user.id, lock ? 0 : attempts, lock, LOCKOUT_MINUTES],
        )) as [{ locked_until: Date | null }[], number];
        return lock
          ? { ok: false, error: 'locked', lockedUntil: updated.locked_until! }
          : { ok: false, error: 'wrong' };
      }
      if (user.failed_attempts > 0 || user.locked_until) {
        await em.query(`UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = $1`, [user.id]);
      }
      return { ok: true, user };
    });
    if (!outcome.ok) {
      throw outcome.error === 'locked'
        ? accountLocked(outcome.lockedUntil!)
        : unauthenticated(WRONG_CREDENTIALS);
    }
    return this.issue(outcome.user.id, randomUUID());
  }

  /** Rotates a refresh token. Presenting one that was already used revokes its whole family. */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const tokenHash = hashRefreshToken(refreshToken);
    const result = await this.db.run(NO_SCOPE, async (em) => {
      const [token] = (await em.query(
        `SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
        [tokenHash],
      )) as {
        id: string;
        user_id: string;
        family_id: string;
        expires_at: Date;
        used_at: Date | null;
        revoked_at: Date | null;
      }[];
      if (!token || token.revoked_at || token.expires_at <= new Date()) return null;
      if (token.used_at) {
        // A used token coming back means it was copied: end every session of this sign-in.
        await em.query(
          `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
          [token.family_id],
        );
        return null;
      }
      await em.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [token.id]);
      return { userId: token.user_id, familyId: token.family_id };
    });
    if (!result) throw unauthenticated('登录已失效，请重新登录 / Session ended, sign in again');
    return this.issue(result.userId, result.familyId);
  }

  async logout(refreshToken: string): Promise<boolean> {
    return this.db.run(NO_SCOPE, async (em) => {
      const [, count] = (await em.query(
        `UPDATE refresh_tokens SET revoked_at = now()
          WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL`,
        [hashRefreshToken(refreshToken)],
      )) as [unknown[], number];
      return count > 0;
    });
  }

  me(actor: Actor): Promise<Me> {
    return this.db.run(actor, (em) => this.loadMe(em, actor.userId));
  }

  /** Builds the actor afresh from the database (roles may have changed) and signs both tokens. */
  private async issue(userId: string, familyId: string): Promise<AuthPayload> {
    const refresh = newRefreshToken();
    const { actor, me } = await this.db.run({ ...NO_SCOPE, userId }, async (em) => {
      const [user] = (await em.query(`SELECT * FROM users WHERE id = $1`, [userId])) as UserRow[];
      if (!user || !user.active || (user.locked_until && user.locked_until > new Date())) {
        throw unauthenticated(WRONG_CREDENTIALS);
      }
      // An office viewer's profile is read in its account's park or district (its session has neither).
      const office = user.platform_role === 'OFFICE_VIEWER' ? await officeAccountOf(em, userId) : null;
      if (user.platform_role === 'OFFICE_VIEWER' && !office) throw unauthenticated(WRONG_CREDENTIALS);
      await applyScope(em, {
        ...NO_SCOPE,
        userId,
        parkId: user.home_park_id ?? office?.parkId ?? null,
        districtId: user.district_id ?? office?.districtId ?? null,
      });
      const me = await this.loadMe(em, userId);
      await em.query(
        `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
        [userId, familyId, refresh.hash, REFRESH_TOKEN_TTL_SECONDS],
      );
      const actor: Actor = {
        userId,
        username: user.username,
        parkId: user.home_park_id,
        districtId: me.district?.id ?? null,
        platformRole: user.platform_role,
        roles: me.roles
          .filter((grant) => grant.role !== 'PLATFORM_ADMIN' && grant.role !== 'DISTRICT_VIEWER')
          .map((grant) => ({
            role: grant.role as Actor['roles'][number]['role'],
            departmentId: grant.departmentId,
          })),
      };
      return { actor, me };
    });
    const access = await this.tokens.sign(actor);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      me,
    };
  }

  /** Profile for the current transaction's scope: park, district and the roles held there. */
  private async loadMe(em: EntityManager, userId: string): Promise<Me> {
    const [user] = (await em.query(`SELECT * FROM users WHERE id = $1`, [userId])) as UserRow[];
    if (!user) throw unauthenticated();
    const directory = await loadDirectory(em);
    const office = user.platform_role === 'OFFICE_VIEWER' ? await officeAccountOf(em, user.id) : null;
    const parkId = user.home_park_id ?? office?.parkId ?? null;
    const park = parkId ? (directory.parks.find((p) => p.id === parkId) ?? null) : null;
    const districtId = user.district_id ?? office?.districtId ?? null;
    const district = park?.district ?? directory.districts.find((d) => d.id === districtId) ?? null;
    const roles = user.home_park_id ? await roleGrantsOf(em, userId) : [];
    const platformGrant = user.platform_role
      ? [{ role: user.platform_role, departmentId: null, department: null }]
      : [];
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      park,
      district,
      roles: [...platformGrant, ...roles],
      office,
    };
  }
}
