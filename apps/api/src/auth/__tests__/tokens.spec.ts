import { describe, expect, it } from '@jest/globals';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokens } from '../tokens.js';

const actor = {
  userId: '0d9f6a4e-1c55-4f53-9a52-2f5b8f1f7a10',
  username: 'zy.staff',
  parkId: '5a1c8e0b-55d8-4d8e-8a53-2b7c4f0b9f11',
  districtId: null,
  platformRole: null,
  roles: [{ role: 'SERVICE_CENTER_STAFF' as const, departmentId: null }],
};

describe('access tokens', () => {
  it('a token verified once is still refused after it expires', async () => {
    const tokens = new AccessTokens('x'.repeat(48));
    const issued = new Date('2026-11-02T08:00:00Z');
    const { token } = await tokens.sign(actor, issued);
    const during = issued.getTime() + 60_000;
    expect(await tokens.verify(token, during)).toEqual({ actor });
    expect(await tokens.verify(token, during + 1000)).toEqual({ actor });
    const after = issued.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000;
    expect(await tokens.verify(token, after)).toEqual({ problem: 'expired' });
  });

  it('a token signed with another secret or altered is refused', async () => {
    const tokens = new AccessTokens('x'.repeat(48));
    const { token } = await tokens.sign(actor);
    expect(await tokens.verify(token)).toEqual({ actor });
    const forged = await new AccessTokens('y'.repeat(48)).sign({ ...actor, username: 'zy.admin' });
    expect(await tokens.verify(forged.token)).toEqual({ problem: 'invalid' });
    const at = token.lastIndexOf('.') + 5; // inside the signature
    const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(await tokens.verify(altered)).toEqual({ problem: 'invalid' });
  });
});
