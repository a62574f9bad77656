// The built console, served by the API, signing in and out in a real Chromium.
import type { Page } from 'playwright-core';
import { gql, login } from '../support/api.js';
import { describeInBrowser, expectText, signIn, withChromium } from '../support/browser.js';

const PARK = '重庆市正阳工业园区';

describeInBrowser('console sign-in', () => {
  let page: Page;
  withChromium((opened) => (page = opened), { pagePerTest: true });

  async function displayName(username: string): Promise<string> {
    const { data, errors } = await gql('{ me { displayName } }', undefined, await login(username));
    // An empty name would make the header assertion vacuous.
    if (!data?.me.displayName) throw new Error(`no display name for ${username}: ${JSON.stringify(errors)}`);
    return data.me.displayName;
  }

  it('signs a park user in to their park, and out again', async () => {
    await signIn(page, 'zy.staff');

    await expectText(page, '[data-test=header-park-name]', PARK);
    await expectText(page, '[data-test=header-user]', await displayName('zy.staff'));

    await page.click('[data-test=logout]');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.waitForSelector('[data-test=login-submit]');
    expect(await page.evaluate(() => localStorage.getItem('qifu.refreshToken'))).toBeNull();
  });

  it('shows user management to a park admin', async () => {
    await signIn(page, 'zy.admin');

    await expectText(page, '[data-test=header-park-name]', PARK);
    await page.waitForSelector('[data-test=nav-users]', { state: 'visible' });
  });

  it('hides user management from service-centre staff', async () => {
    await signIn(page, 'zy.staff');
    // Absence only means something once the menu is drawn.
    await page.waitForSelector('[data-test=nav-home]', { state: 'visible' });

    expect(await page.locator('[data-test=nav-users]').count()).toBe(0);
  });
});
