import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../config.js';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/qifu', JWT_SECRET: 'a'.repeat(32) };

describe('configuration', () => {
  it('applies defaults to a minimal environment', () => {
    expect(loadConfig(valid)).toMatchObject({ PORT: 3000, QIFU_SEED: 'none', LOG_LEVEL: 'info' });
  });

  it('names each bad variable and why', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', PORT: 'eighty' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(attempt).toThrow(/JWT_SECRET: must be at least 32 characters/);
    expect(attempt).toThrow(/PORT:/);
  });

  it('says a missing variable is required', () => {
    expect(() => loadConfig({ JWT_SECRET: valid.JWT_SECRET })).toThrow(/DATABASE_URL: is required/);
  });
});
