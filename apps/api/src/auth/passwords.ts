import { hash, verify } from '@node-rs/argon2';

// Argon2id (the library's default algorithm) with OWASP's minimum parameters: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

let dummyHash: Promise<string> | null = null;

/** Spends the same time as a real check, so a missing username is not revealed by the response time. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('qifu-no-such-user-Password-1');
  await verify(await dummyHash, password);
  return false;
}
