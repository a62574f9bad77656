// A real Chromium on the console that the API serves (see global-setup.ts), and the few steps every
// browser test takes: sign in, read a text, pick from an Element Plus select, confirm a dialog.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { apiUrl, DEMO_PASSWORD } from './api.js';

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

const installed = fs.existsSync(CHROMIUM);
// CI installs Chromium, so a missing one there is a broken machine, not a reason to skip.
const required = process.env.CI === 'true';

/** `describe`, or `describe.skip` (saying why) on a developer machine without Chromium. */
export function describeInBrowser(name: string, body: () => void): void {
  if (!installed && !required) console.log(`chromium not installed: "${name}" skipped`);
  (installed || required ? describe : describe.skip)(name, body);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  if (!installed) {
    throw new Error(`${CHROMIUM} not found (CI=true): apt-get install -y chromium fonts-noto-cjk`);
  }
  // Without a console build every step would only time out.
  const response = await fetch(`${apiUrl()}/login`);
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !type.includes('text/html')) {
    throw new Error(
      `GET /login answered HTTP ${response.status} (${type}), not the console: build it with npx nx run @qifu/admin:build`,
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qifu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1440, height: 900 },
  });
  // Fail within the test timeout, with our message rather than Jest's.
  context.setDefaultTimeout(15_000);
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new tab on the sign-in page, signed out whatever an earlier (failed) test left behind. */
export async function signedOutPage(browser: Browser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${apiUrl()}/login`);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  return page;
}

/**
 * Chromium for the describe block this is called in: launched before its tests, closed after them.
 * `use` gets the signed-out page the tests work in: one for the whole block, or with `pagePerTest`
 * a new one before each test (hooks declared after this call run after it is there).
 */
export function withChromium(use: (page: Page) => void, { pagePerTest = false } = {}): void {
  let browser: Browser | undefined;
  let page: Page | undefined;
  const open = async () => use((page = await signedOutPage(browser!)));
  beforeAll(async () => {
    browser = await launchBrowser();
    if (!pagePerTest) await open();
  });
  if (pagePerTest) {
    beforeEach(open);
    afterEach(async () => page?.close());
  }
  afterAll(async () => {
    await page?.close();
    await browser?.close();
  });
}

/** Opens a case's page by its id and waits until it shows the case. */
export async function openCase(page: Page, id: string, registrationNo: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/cases/${id}`);
  await expectText(page, '[data-test=case-registration-no]', registrationNo);
}

/** Opens an act from the case's panel, lets `fill` complete its form, submits, waits for the dialog to go. */
export async function actInConsole(
  page: Page,
  action: string,
  fill: () => Promise<void> = async () => undefined,
) {
  await page.click(`[data-test="action-${action}"]`);
  await page.locator('[data-test=action-dialog]').waitFor();
  await fill();
  await page.click('[data-test=action-submit]');
  await page.locator('[data-test=action-dialog]').waitFor({ state: 'hidden' });
}

/** The console lands on / only once the session (user and abilities) is loaded. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.fill('[data-test=login-username]', username);
  await page.fill('[data-test=login-password]', password);
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

/** Signs the current user out and the next one in, as people sharing a desk would. */
export async function switchUser(page: Page, username: string): Promise<void> {
  await page.click('[data-test=logout]');
  await page.waitForURL((url) => url.pathname === '/login');
  await signIn(page, username);
}

export async function expectText(page: Page, selector: string, expected: string): Promise<void> {
  const target = page.locator(selector).first();
  try {
    await page.locator(selector).filter({ hasText: expected }).first().waitFor();
  } catch {
    const actual = await target.textContent({ timeout: 1000 }).catch(() => null);
    throw new Error(`${selector} should show ${JSON.stringify(expected)}, shows ${JSON.stringify(actual)}`);
  }
}

/** The text input behind a data-test, whether Element Plus put the attribute on it or on its wrapper. */
export function input(page: Page, testId: string) {
  return page
    .locator(`input[data-test="${testId}"], textarea[data-test="${testId}"], [data-test="${testId}"] input`)
    .first();
}

/** Opens an Element Plus select and clicks the option showing `label` in its (teleported) dropdown. */
export async function pick(page: Page, testId: string, label: string): Promise<void> {
  await page.locator(`[data-test="${testId}"]`).first().click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
  // A multiple select stays open: close it so it does not cover the next field.
  await page.keyboard.press('Escape').catch(() => undefined);
}
