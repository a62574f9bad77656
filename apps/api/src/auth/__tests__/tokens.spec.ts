import { describe, expect, it } from '@jest/globals';
import { SignJWT, base64url } from 'jose';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from '../tokens.js';

const SECRET = 'x'.repeat(48);
const actor = {
  userId: '0d9f6a4e-1c55-4f53-9a52-2f5b8f1f7a10',
  username: 'zy.staff',
  parkId: '5a1c8e0b-55d8-4d8e-8a53-2b7c4f0b9f11',
  districtId: null,
  platformRole: null,
  roles: [{ role: 'SERVICE_CENTER_STAFF' as const, departmentId: null }],
};
const claims = {
  usr: actor.username,
  pid: actor.parkId,
  did: null,
  prl: null,
  rls: [['SERVICE_CENTER_STAFF', null]],
  ver: 1,
};

/** A token signed with the real secret but built by hand (what the API itself never issues). */
function handMade(
  build: (jwt: SignJWT) => SignJWT,
  payload: Record<string, unknown> = claims,
  alg = 'HS256',
): Promise<string> {
  return build(
    new SignJWT(payload).setProtectedHeader({ alg }).setSubject(actor.userId).setIssuer('qifu'),
  ).sign(new TextEncoder().encode(SECRET));
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('access tokens', () => {
  it('a token verified once is still refused after it expires', async () => {
    const tokens = new AccessTokens(SECRET);
    const issued = new Date('2026-11-02T08:00:00Z');
    const { token } = await tokens.sign(actor, 3, issued);
    const during = issued.getTime() + 60_000;
    expect(await tokens.verify(token, during)).toEqual({ actor, sessionVersion: 3 });
    expect(await tokens.verify(token, during + 1000)).toEqual({ actor, sessionVersion: 3 });
    const after = issued.getTime() + (ACCESS_TOKEN_TTL_SECONDS + 10) * 1000;
    expect(await tokens.verify(token, after)).toEqual({ problem: 'expired' });
  });

  it('a token signed with another secret or altered is refused', async () => {
    const tokens = new AccessTokens(SECRET);
    const { token } = await tokens.sign(actor, 1);
    expect(await tokens.verify(token)).toEqual({ actor, sessionVersion: 1 });
    const forged = await new AccessTokens('y'.repeat(48)).sign({ ...actor, username: 'zy.admin' }, 1);
    expect(await tokens.verify(forged.token)).toEqual({ problem: 'invalid' });
    const at = token.lastIndexOf('.') + 5; // inside the signature
    const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(await tokens.verify(altered)).toEqual({ problem: 'invalid' });
  });

  it('the hand-made token used below is accepted when it is like an issued one', async () => {
    const token = await handMade((jwt) => jwt.setIssuedAt().setExpirationTime(nowSeconds() + 60));
    expect(await new AccessTokens(SECRET).verify(token)).toEqual({ actor, sessionVersion: 1 });
  });

  it('refuses a token without exp, even signed with the real secret', async () => {
    const token = await handMade((jwt) => jwt.setIssuedAt());
    expect(await new AccessTokens(SECRET).verify(token)).toEqual({ problem: 'invalid' });
  });

  it('refuses a token without iat, or issued in the future', async () => {
    const tokens = new AccessTokens(SECRET);
    const noIat = await handMade((jwt) => jwt.setExpirationTime(nowSeconds() + 60));
    expect(await tokens.verify(noIat)).toEqual({ problem: 'invalid' });
    const future = await handMade((jwt) =>
      jwt.setIssuedAt(nowSeconds() + 600).setExpirationTime(nowSeconds() + 700),
    );
    expect(await tokens.verify(future)).toEqual({ problem: 'invalid' });
  });

  it('refuses a token that lives longer than the API ever issues', async () => {
    const token = await handMade((jwt) =>
      jwt.setIssuedAt().setExpirationTime(nowSeconds() + 365 * 24 * 3600),
    );
    expect(await new AccessTokens(SECRET).verify(token)).toEqual({ problem: 'invalid' });
  });

  it('refuses a token not yet valid (nbf in the future)', async () => {
    const token = await handMade((jwt) =>
      jwt
        .setIssuedAt()
        .setNotBefore(nowSeconds() + 300)
        .setExpirationTime(nowSeconds() + 600),
    );
    expect(await new AccessTokens(SECRET).verify(token)).toEqual({ problem: 'invalid' });
  });

  it('refuses another algorithm with the same secret, and an unsigned token', async () => {
    const tokens = new AccessTokens(SECRET);
    const hs512 = await handMade(
      (jwt) => jwt.setIssuedAt().setExpirationTime(nowSeconds() + 60),
      claims,
      'HS512',
    );
    expect(await tokens.verify(hs512)).toEqual({ problem: 'invalid' });
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const body = base64url.encode(
      JSON.stringify({
        ...claims,
        sub: actor.userId,
        iss: 'qifu',
        iat: nowSeconds(),
        exp: nowSeconds() + 60,
      }),
    );
    expect(await tokens.verify(`${header}.${body}.`)).toEqual({ problem: 'invalid' });
  });

  it('refuses a token without a session version', async () => {
    const { ver: _ver, ...withoutVersion } = claims;
    const token = await handMade(
      (jwt) => jwt.setIssuedAt().setExpirationTime(nowSeconds() + 60),
      withoutVersion,
    );
    expect(await new AccessTokens(SECRET).verify(token)).toEqual({ problem: 'invalid' });
  });
});
