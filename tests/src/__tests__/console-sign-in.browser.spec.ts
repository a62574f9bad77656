// The built console, served by the API, signing in and out in a real Chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { apiUrl, DEMO_PASSWORD, gql, login } from '../support/api.js';

const CHROMIUM = '/usr/bin/chromium';
// Playwright adds --headless itself; the rest keeps Chromium from reaching the network or a sandbox.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const PARK = '重庆市正阳工业园区';

const installed = fs.existsSync(CHROMIUM);
// CI installs Chromium, so a missing one there is a broken machine, not a reason to skip.
const required = process.env.CI === 'true';
if (!installed && !required) console.log('chromium not installed: browser test skipped');

(installed || required ? describe : describe.skip)('console sign-in', () => {
  let profile: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!installed) {
      throw new Error(`${CHROMIUM} not found (CI=true): apt-get install -y chromium fonts-noto-cjk`);
    }
    // Without a console build every step below would only time out.
    const response = await fetch(`${apiUrl()}/login`);
    const type = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !type.includes('text/html')) {
      throw new Error(
        `GET /login answered HTTP ${response.status} (${type}), not the console: build it with npx nx run @qifu/admin:build`,
      );
    }
    profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
    });
    // Fail within the test timeout, with our message rather than Jest's.
    context.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await context?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  beforeEach(async () => {
    // Every test starts signed out, whatever an earlier (failed) one left in localStorage.
    page = await context.newPage();
    await page.goto(`${apiUrl()}/login`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
  });

  afterEach(async () => {
    await page?.close();
  });

  /** The console lands on / only once the session (user and abilities) is loaded. */
  async function signIn(username: string): Promise<void> {
    await page.fill('[data-test=login-username]', username);
    await page.fill('[data-test=login-password]', DEMO_PASSWORD);
    await page.click('[data-test=login-submit]');
    try {
      await page.waitForURL((url) => url.pathname === '/');
    } catch (error) {
      const shown = await page
        .locator('[data-test=login-error]')
        .textContent({ timeout: 500 })
        .catch(() => null);
      throw new Error(`sign-in as ${username} did not reach /: ${shown ?? (error as Error).message}`);
    }
  }

  async function expectText(selector: string, expected: string): Promise<void> {
    const target = page.locator(selector);
    try {
      await target.filter({ hasText: expected }).waitFor();
    } catch {
      const actual = await target.textContent({ timeout: 1000 }).catch(() => null);
      throw new Error(`${selector} should show ${JSON.stringify(expected)}, shows ${JSON.stringify(actual)}`);
    }
  }

  async function displayName(username: string): Promise<string> {
    const { data, errors } = await gql('{ me { displayName } }', undefined, await login(username));
    // An empty name would make the header assertion vacuous.
    if (!data?.me.displayName) throw new Error(`no display name for ${username}: ${JSON.stringify(errors)}`);
    return data.me.displayName;
  }

  it('signs a park user in to their park, and out again', async () => {
    await signIn('zy.staff');

    await expectText('[data-test=header-park-name]', PARK);
    await expectText('[data-test=header-user]', await displayName('zy.staff'));

    await page.click('[data-test=logout]');
    await page.waitForURL((url) => url.pathname === '/login');
    await page.waitForSelector('[data-test=login-submit]');
    expect(await page.evaluate(() => localStorage.getItem('qifu.refreshToken'))).toBeNull();
  });

  it('shows user management to a park admin', async () => {
    await signIn('zy.admin');

    await expectText('[data-test=header-park-name]', PARK);
    await page.waitForSelector('[data-test=nav-users]', { state: 'visible' });
  });

  it('hides user management from service-centre staff', async () => {
    await signIn('zy.staff');
    // Absence only means something once the menu is drawn.
    await page.waitForSelector('[data-test=nav-home]', { state: 'visible' });

    expect(await page.locator('[data-test=nav-users]').count()).toBe(0);
  });
});
