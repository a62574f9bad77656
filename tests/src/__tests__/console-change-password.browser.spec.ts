// A person changes their own password in the console (修改密码), in a real Chromium: the console goes
// on with the new tokens, their other sessions end, the new password signs in and the old one not.
import type { Page } from 'playwright-core';
import { gql, login } from '../support/api.js';
import { describeInBrowser, expectText, signIn, withChromium } from '../support/browser.js';

const FIRST_PASSWORD = 'First-Pass-2026';
const NEW_PASSWORD = 'Second-Pass-2026!';
const DISPLAY_NAME = '改密测试员';

describeInBrowser('changing one’s own password in the console', () => {
  let page: Page;
  withChromium((opened) => (page = opened));
  // A person of this test alone: the demo accounts' passwords are what the other tests sign in with.
  const username = `pw.change.${Date.now().toString(36)}`;

  beforeAll(async () => {
    const created = await gql(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      {
        input: {
          username,
          displayName: DISPLAY_NAME,
          password: FIRST_PASSWORD,
          roles: [{ role: 'SERVICE_CENTER_STAFF' }],
        },
      },
      await login('zy.admin'),
    );
    if (!created.data?.createUser) throw new Error(`createUser failed: ${JSON.stringify(created.errors)}`);
  });

  it('changes the password, keeps this session, ends the others; the old password is refused', async () => {
    const elsewhere = await login(username, FIRST_PASSWORD);
    await signIn(page, username, FIRST_PASSWORD);
    await expectText(page, '[data-test=header-user]', DISPLAY_NAME);

    await page.click('[data-test=header-change-password]');
    await page.waitForURL((url) => url.pathname === '/account/password');
    await expectText(page, '[data-test=change-password-notice]', '其他电脑、手机和浏览器上的登录将立即退出');
    // Labelled fields, reached by their labels.
    await page.getByLabel('当前密码', { exact: true }).fill(FIRST_PASSWORD);
    await page.getByLabel('新密码', { exact: true }).fill('short');
    await expect(page.locator('[data-test^=password-rule-][data-met=true]').count()).resolves.toBe(0);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.locator('[data-test^=password-rule-][data-met=true]').nth(1).waitFor();
    await page.getByLabel('再次输入新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.click('[data-test=change-password-submit]');
    await expectText(page, '[data-test=change-password-done]', '其他设备和浏览器上的登录已全部退出');

    // The session elsewhere has ended; this one goes on, across pages and a reload.
    const other = await gql('{ me { username } }', undefined, elsewhere);
    expect(other.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await page.click('[data-test=nav-ledger]');
    await expectText(page, '[data-test=ledger-total]', '共');
    await page.reload();
    await expectText(page, '[data-test=ledger-total]', '共');
    expect(new URL(page.url()).pathname).toBe('/cases');

    // Signed out: the old password is refused, the new one signs in.
    await page.click('[data-test=logout]');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.fill('[data-test=login-username]', username);
    await page.fill('[data-test=login-password]', FIRST_PASSWORD);
    await page.click('[data-test=login-submit]');
    await expectText(page, '[data-test=login-error]', '用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    await signIn(page, username, NEW_PASSWORD);
    await expectText(page, '[data-test=header-user]', DISPLAY_NAME);
  });
});
