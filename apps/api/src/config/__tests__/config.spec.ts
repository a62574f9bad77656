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

  it('keeps GraphQL introspection off unless asked for, with the request limits', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'development' })).toMatchObject({
      GRAPHQL_INTROSPECTION: false,
      GRAPHQL_MAX_COST: 2000,
      GRAPHQL_MAX_ALIASES: 20,
      GRAPHQL_MAX_ROOT_FIELDS: 10,
    });
    expect(loadConfig({ ...valid, GRAPHQL_INTROSPECTION: 'true' }).GRAPHQL_INTROSPECTION).toBe(true);
    expect(() => loadConfig({ ...valid, GRAPHQL_MAX_COST: '10' })).toThrow(/GRAPHQL_MAX_COST/);
  });

  it('says a missing variable is required', () => {
    expect(() => loadConfig({ JWT_SECRET: valid.JWT_SECRET })).toThrow(/DATABASE_URL: is required/);
  });

  it('reads the sign-in and session settings, and which proxies to believe for client addresses', () => {
    expect(loadConfig(valid)).toMatchObject({
      TRUST_PROXY: 'loopback',
      SIGN_IN_ACCOUNT_FAILURES: 5,
      SIGN_IN_ADDRESS_FAILURES: 20,
      SIGN_IN_MAX_DELAY_SECONDS: 900,
      SESSION_CACHE_SECONDS: 5,
      REFRESH_REUSE_GRACE_SECONDS: 10,
    });
    expect(loadConfig({ ...valid, TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ ...valid, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).TRUST_PROXY).toBe(
      'loopback, 10.0.0.0/8',
    );
    expect(() => loadConfig({ ...valid, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY:/);
    expect(() => loadConfig({ ...valid, SESSION_CACHE_SECONDS: '600' })).toThrow(/SESSION_CACHE_SECONDS:/);
    expect(loadConfig({ ...valid, REFRESH_REUSE_GRACE_SECONDS: '0' }).REFRESH_REUSE_GRACE_SECONDS).toBe(0);
    expect(() => loadConfig({ ...valid, REFRESH_REUSE_GRACE_SECONDS: '-1' })).toThrow(
      /REFRESH_REUSE_GRACE_SECONDS:/,
    );
  });

  it('keeps attachments on the local disk under the checkout by default, up to 20 MB', () => {
    const config = loadConfig(valid);
    expect(config.ATTACHMENTS_STORAGE).toBe('local');
    expect(config.ATTACHMENTS_DIR).toMatch(/[/\\]\.data[/\\]attachments$/);
    expect(config.ATTACHMENTS_MAX_BYTES).toBe(20 * 1024 * 1024);
  });

  it('reads the S3-compatible storage settings', () => {
    const config = loadConfig({
      ...valid,
      ATTACHMENTS_STORAGE: 's3',
      ATTACHMENTS_S3_ENDPOINT: 'http://minio.internal:9000',
      ATTACHMENTS_S3_BUCKET: 'qifu-attachments',
      ATTACHMENTS_S3_ACCESS_KEY_ID: 'qifu',
      ATTACHMENTS_S3_SECRET_ACCESS_KEY: 'secret-key',
      ATTACHMENTS_S3_FORCE_PATH_STYLE: 'true',
      ATTACHMENTS_S3_PREFIX: 'zhengyang/',
    });
    expect(config).toMatchObject({
      ATTACHMENTS_S3_REGION: 'us-east-1',
      ATTACHMENTS_S3_FORCE_PATH_STYLE: true,
      ATTACHMENTS_S3_PREFIX: 'zhengyang/',
    });
  });

  it('names what S3 storage is missing, and a bad size limit', () => {
    expect(() => loadConfig({ ...valid, ATTACHMENTS_STORAGE: 's3' })).toThrow(
      /ATTACHMENTS_S3_BUCKET: is required when ATTACHMENTS_STORAGE=s3/,
    );
    expect(() =>
      loadConfig({
        ...valid,
        ATTACHMENTS_STORAGE: 's3',
        ATTACHMENTS_S3_BUCKET: 'qifu-attachments',
        ATTACHMENTS_S3_ACCESS_KEY_ID: 'qifu',
      }),
    ).toThrow(/ATTACHMENTS_S3_SECRET_ACCESS_KEY: is required with the other S3 key/);
    expect(() => loadConfig({ ...valid, ATTACHMENTS_STORAGE: 'ftp' })).toThrow(
      /ATTACHMENTS_STORAGE: must be local or s3/,
    );
    expect(() => loadConfig({ ...valid, ATTACHMENTS_MAX_BYTES: '0' })).toThrow(
      /ATTACHMENTS_MAX_BYTES: must be at least 1/,
    );
    expect(() => loadConfig({ ...valid, ATTACHMENTS_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
      /ATTACHMENTS_S3_FORCE_PATH_STYLE: must be true or false/,
    );
  });

  it('limits every archive by default, and reads the networks a webhook may reach', () => {
    expect(loadConfig(valid)).toMatchObject({
      ZIP_MAX_ENTRIES: 1000,
      ZIP_MAX_INFLATED_BYTES: 32 * 1024 * 1024,
      ZIP_MAX_ENTRY_RATIO: 100,
      ZIP_MAX_TOTAL_RATIO: 100,
      WEBHOOK_ALLOWED_NETWORKS: [],
    });
    expect(
      loadConfig({ ...valid, WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0/16, fd12:3456::/48' })
        .WEBHOOK_ALLOWED_NETWORKS,
    ).toEqual(['10.20.0.0/16', 'fd12:3456::/48']);
    const attempt = () =>
      loadConfig({ ...valid, WEBHOOK_ALLOWED_NETWORKS: '10.20.0.0', ZIP_MAX_INFLATED_BYTES: '1000' });
    expect(attempt).toThrow(/WEBHOOK_ALLOWED_NETWORKS: must be CIDR networks/);
    expect(attempt).toThrow(/ZIP_MAX_INFLATED_BYTES: must be at least 1048576/);
  });
});
