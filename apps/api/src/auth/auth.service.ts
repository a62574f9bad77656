import { randomUUID } from 'node:crypto';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import { passwordProblems, type PlatformRole } from '@qifu/domain';
import type { Actor } from '../access/actor.js';
import { recordAudit, recordPlatformAudit } from '../audit/audit.js';
import { badInput, tooManyRequests, unauthenticated } from '../common/errors.js';
import { Scope, type Rescope, type TenantDb } from '../database/tenant-db.js';
import { kysely, rowsOf } from '../database/typed-sql.js';
import type { AuthPayload, Me } from '../graphql/models.js';
import { loadDirectory } from '../directory/directory.queries.js';
import { officeAccountOf } from '../offices/office-account.queries.js';
import { roleGrantsOf } from '../users/user.queries.js';
import type { LoginLimiter } from './login-limiter.js';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.js';
import { endAccessTokens, forgetSessionAfterCommit } from './session.queries.js';
import type { SessionStates } from './session-states.js';
import {
  forgetOldFailures,
  holdSubjects,
  lockCounts,
  recordFailure,
  recordSuccess,
  signInSubjects,
} from './sign-in-failures.js';
import { guardedSubjects, secondsToWait, type ThrottleSettings } from './sign-in-throttle.js';
import { type AccessTokens, hashRefreshToken, newRefreshToken, REFRESH_TOKEN_TTL_SECONDS } from './tokens.js';

const WRONG_CREDENTIALS = '用户名或密码错误 / Wrong username or password';
const SESSION_ENDED = '登录已失效，请重新登录 / Session ended, sign in again';
/** Old sign-in failures are cleared every so many attempts of this process. */
const CLEANUP_EVERY = 200;

/** Whole user rows, the platform role as users_platform_role_check allows it. */
const users = () =>
  kysely.selectFrom('users').selectAll().$narrowType<{ platform_role: PlatformRole | null }>();

type UserRow = InferResult<ReturnType<typeof users>>[number];

/** Revokes what is left of a sign-in: its refresh token and every rotation of it. */
const revokeFamily = (familyId: string) =>
  kysely
    .updateTable('refresh_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null);

export interface SignInOptions {
  /** Attempts per address and minute, right or wrong: keeps password hashing from being flooded. */
  flood: LoginLimiter;
  throttle: ThrottleSettings;
  /** Told of every attempt refused for waiting (the operator's log names the address). */
  onThrottled?: (event: { address: string; retryAfterSeconds: number }) => void;
  /**
   * For this long after a refresh token was rotated, presenting it again renews the same sign-in
   * (two tabs refreshing together) instead of ending it as copied; 0: never.
   */
  refreshReuseGraceSeconds?: number;
}

/** Sign-in, token refresh with rotation, sign-out, password change; and the signed-in user's profile. */
export class AuthService {
  private attempts = 0;

  constructor(
    private readonly db: TenantDb,
    private readonly tokens: AccessTokens,
    private readonly sessions: SessionStates | null,
    private readonly signIn: SignInOptions,
  ) {}

  async login(username: string, password: string, clientIp: string): Promise<AuthPayload> {
    const login = username.trim().toLowerCase();
    const flood = this.signIn.flood.hit(clientIp);
    if (flood > 0) this.throttled(clientIp, flood);
    const user = await this.checkPassword(login, password, clientIp);
    if (!user) throw unauthenticated(WRONG_CREDENTIALS);
    return this.issue(user.id, randomUUID());
  }

  /**
   * The user whose right password this is, or null (wrong password, unknown or inactive user: one
   * answer for all). Slowed per account and per address by growing delays; the counts are kept in
   * the database, so every API process sees the same ones, and no lock is held while hashing.
   */
  private async checkPassword(login: string, password: string, clientIp: string): Promise<UserRow | null> {
    const subjects = signInSubjects(login, clientIp);
    const scope = Scope.signIn(login);
    const gate = await this.db.run(scope, async (em) => {
      const counts = await lockCounts(em, subjects);
      const wait = secondsToWait(this.signIn.throttle, counts);
      if (wait > 0) return { wait, user: null };
      const guarded = guardedSubjects(this.signIn.throttle, counts);
      await holdSubjects(em, [
        ...(guarded.pair ? [subjects.pair] : []),
        ...(guarded.address ? [subjects.address] : []),
      ]);
      const [user] = await rowsOf(
        em,
        users().where((eb) => eb(eb.fn<string>('lower', ['username']), '=', login)),
      );
      return { wait: 0, user: user ?? null };
    });
    if (gate.wait > 0) this.throttled(clientIp, gate.wait);
    // The hash is computed for unknown names too, so the answer takes as long either way.
    const valid = gate.user
      ? await verifyPassword(gate.user.password_hash, password)
      : await verifyAgainstNothing(password);
    const ok = valid && gate.user !== null && gate.user.active;
    await this.db.run(scope, async (em) => {
      if (ok) await recordSuccess(em, subjects);
      else {
        const failures = await recordFailure(em, subjects);
        // What the park's administrator sees on the users page.
        if (gate.user)
          await rowsOf(
            em,
            kysely
              .updateTable('users')
              .set({ failed_attempts: failures, last_failed_sign_in_at: sql<Date>`now()` })
              .where('id', '=', gate.user.id),
          );
      }
      if (++this.attempts % CLEANUP_EVERY === 0) await forgetOldFailures(em);
    });
    return ok ? gate.user : null;
  }

  private get refreshReuseGraceSeconds(): number {
    return this.signIn.refreshReuseGraceSeconds ?? 0;
  }

  private throttled(address: string, retryAfterSeconds: number): never {
    this.signIn.onThrottled?.({ address, retryAfterSeconds });
    throw tooManyRequests(retryAfterSeconds);
  }

  /**
   * Rotates a refresh token. Presenting one that was already used means it was copied: the whole
   * family (this sign-in and all its rotations) ends, with the access tokens already issued, and the
   * park's trail records it. Within `refreshReuseGraceSeconds` of its rotation it is a second tab
   * that refreshed at the same moment: it gets a sibling of the successor, in the same family.
   */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const tokenHash = hashRefreshToken(refreshToken);
    const result = await this.db.run(Scope.refreshToken(tokenHash), async (em, rescope) => {
      // The database's clock decides the grace period, as it stamped used_at.
      const [token] = await rowsOf(
        em,
        kysely
          .selectFrom('refresh_tokens')
          .select(['id', 'user_id', 'family_id', 'expires_at', 'used_at', 'revoked_at', 'created_at'])
          .select(
            sql<boolean | null>`used_at > now() - make_interval(secs => ${this.refreshReuseGraceSeconds})`.as(
              'just_rotated',
            ),
          )
          .where('token_hash', '=', tokenHash)
          .forUpdate(),
      );
      if (!token) return null;
      await rescope(Scope.refreshToken(tokenHash, token.user_id));
      const [user] = await rowsOf(
        em,
        kysely
          .selectFrom('users')
          .select(['active', 'home_park_id', 'sessions_revoked_at'])
          .where('id', '=', token.user_id),
      );
      if (!user?.active || token.revoked_at || token.expires_at <= new Date()) return null;
      // Issued before all the user's sessions were ended (password changed, switched off).
      if (user.sessions_revoked_at && token.created_at < user.sessions_revoked_at) return null;
      if (token.used_at && token.just_rotated && this.refreshReuseGraceSeconds > 0) {
        // Another tab of the same browser won the race; this one carries on in the same family.
        return { userId: token.user_id, familyId: token.family_id };
      }
      if (token.used_at) {
        await rowsOf(em, revokeFamily(token.family_id));
        await endAccessTokens(em, this.sessions, token.user_id);
        await this.recordReuse(em, rescope, token.user_id, user.home_park_id, token.family_id);
        return null;
      }
      await rowsOf(
        em,
        kysely
          .updateTable('refresh_tokens')
          .set({ used_at: sql<Date>`now()` })
          .where('id', '=', token.id),
      );
      return { userId: token.user_id, familyId: token.family_id };
    });
    if (!result) throw unauthenticated(SESSION_ENDED);
    return this.issue(result.userId, result.familyId);
  }

  /** The park's trail, or the platform's for people of no park (the last statement of its transaction). */
  private async recordReuse(
    em: EntityManager,
    rescope: Rescope,
    userId: string,
    parkId: string | null,
    familyId: string,
  ): Promise<void> {
    const entry = {
      action: 'session.refresh_token_reused',
      subjectType: 'User',
      subjectId: userId,
      after: { familyId },
    };
    await rescope(parkId ? Scope.park(parkId, { userId }) : Scope.platform(userId));
    if (parkId) await recordAudit(em, null, entry);
    else await recordPlatformAudit(em, null, entry);
  }

  /** Ends the sign-in this refresh token belongs to, and the access tokens issued to its user. */
  async logout(refreshToken: string): Promise<boolean> {
    const tokenHash = hashRefreshToken(refreshToken);
    return this.db.run(Scope.refreshToken(tokenHash), async (em, rescope) => {
      const [token] = await rowsOf(
        em,
        kysely
          .selectFrom('refresh_tokens')
          .select(['user_id', 'family_id'])
          .where('token_hash', '=', tokenHash),
      );
      if (!token) return false;
      await rescope(Scope.user(token.user_id));
      const revoked = await rowsOf(em, revokeFamily(token.family_id).returning('id'));
      const count = revoked.length;
      // The user's other devices renew their access token once with their own refresh token.
      if (count > 0) await endAccessTokens(em, this.sessions, token.user_id);
      return count > 0;
    });
  }

  /**
   * Changes the signed-in person's password: every other session ends at once, this one goes on with
   * the tokens returned. A wrong current password counts as a failed sign-in.
   */
  async changePassword(
    actor: Actor,
    currentPassword: string,
    newPassword: string,
    clientIp: string,
  ): Promise<AuthPayload> {
    const problems = passwordProblems(newPassword).map((message) => ({ path: 'newPassword', message }));
    if (problems.length > 0) throw badInput(problems);
    const user = await this.checkPassword(actor.username.toLowerCase(), currentPassword, clientIp);
    if (!user) throw badInput([{ path: 'currentPassword', message: 'is not your current password' }]);
    if (user.id !== actor.userId) throw unauthenticated();
    const passwordHash = await hashPassword(newPassword);
    await this.db.run(actor, async (em) => {
      // The trigger on users raises the session version and ends every refresh token issued so far.
      await rowsOf(
        em,
        kysely
          .updateTable('users')
          .set({ password_hash: passwordHash, updated_at: sql<Date>`now()` })
          .where('id', '=', actor.userId),
      );
      forgetSessionAfterCommit(em, this.sessions, actor.userId);
      const entry = { action: 'user.password_changed', subjectType: 'User', subjectId: actor.userId };
      if (actor.platformRole === 'PLATFORM_ADMIN') await recordPlatformAudit(em, actor, entry);
      else if (actor.parkId && actor.platformRole === null) await recordAudit(em, actor, entry);
    });
    return this.issue(actor.userId, randomUUID());
  }

  me(actor: Actor): Promise<Me> {
    return this.db.run(actor, (em) => this.loadMe(em, actor.userId));
  }

  /** Builds the actor afresh from the database (roles may have changed) and signs both tokens. */
  private async issue(userId: string, familyId: string): Promise<AuthPayload> {
    const refresh = newRefreshToken();
    const { actor, me, version } = await this.db.run(Scope.user(userId), async (em, rescope) => {
      const [user] = await rowsOf(em, users().where('id', '=', userId));
      if (!user || !user.active) throw unauthenticated(WRONG_CREDENTIALS);
      // An office viewer's profile is read in its account's park or district (its session has neither).
      const office = user.platform_role === 'OFFICE_VIEWER' ? await officeAccountOf(em, userId) : null;
      if (user.platform_role === 'OFFICE_VIEWER' && !office) throw unauthenticated(WRONG_CREDENTIALS);
      await rescope(
        Scope.user(userId, {
          parkId: user.home_park_id ?? office?.parkId ?? null,
          districtId: user.district_id ?? office?.districtId ?? null,
        }),
      );
      const me = await this.loadMe(em, userId);
      await rowsOf(
        em,
        kysely.insertInto('refresh_tokens').values({
          user_id: userId,
          family_id: familyId,
          token_hash: refresh.hash,
          expires_at: sql<Date>`now() + make_interval(secs => ${REFRESH_TOKEN_TTL_SECONDS})`,
        }),
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
      return { actor, me, version: user.session_version };
    });
    const access = await this.tokens.sign(actor, version);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      me,
    };
  }

  /** Profile for the current transaction's scope: park, district and the roles held there. */
  private async loadMe(em: EntityManager, userId: string): Promise<Me> {
    const [user] = await rowsOf(em, users().where('id', '=', userId));
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
