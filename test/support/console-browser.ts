// The web console in a real browser for tests: Debian's Chromium driven by playwright-core against a
// running Tessera (the console is built once per run by the global setup), a screenshot of every
// test under test-output/console/, and the sign-in steps as a person takes them.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CONSOLE_PASSWORD } from './console-users.ts';
import { programStatus } from './external-programs.ts';
import { startTestServer, type Backend, type TestServer } from './test-server.ts';

/** Where the console tests leave their screenshots (ignored by git). */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-output/console/', import.meta.url));

export interface ConsoleBrowser {
  /** A fresh browser context (its own cookies) at 1280×800 with the console open. */
  open(baseUrl: string, viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Launches Chromium; fails (CI) or is skipped (skipWithout) where it is missing. */
export async function launchConsoleBrowser(): Promise<ConsoleBrowser> {
  const status = programStatus('chromium');
  if (!status.found) throw new Error(`Chromium ${status.reason}`);
  const browser: Browser = await chromium.launch({
    executablePath: status.executable,
    args: ['--no-sandbox'],
  });
  const contexts: BrowserContext[] = [];
  return {
    async open(baseUrl, viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      const page = await context.newPage();
      watchForFaults(page);
      await page.goto(`${baseUrl}/console/`);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

/** Page errors and CSP violations fail the test that saw them (checked by `expectNoFaults`). */
const faults = new WeakMap<Page, string[]>();

function watchForFaults(page: Page): void {
  const seen: string[] = [];
  faults.set(page, seen);
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy|Refused to/i.test(message.text()))
      seen.push(`CSP: ${message.text()}`);
  });
}

/** What went wrong in the page that the test did not look for: script errors, CSP refusals. */
export const faultsOf = (page: Page): string[] => faults.get(page) ?? [];

/** Saves the page as test-output/console/<backend>-<name>.png. */
export async function screenshot(page: Page, backend: string, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${backend}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The first sign-in step of an IAM user, as typed into the form; the server's HTTP status. */
export async function submitUserSignIn(
  page: Page,
  input: { account: string; userName: string; password: string },
): Promise<number> {
  await page.getByLabel('Account ID or alias').fill(input.account);
  await page.getByLabel('IAM user name').fill(input.userName);
  await page.getByLabel('Password', { exact: true }).fill(input.password);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/console/api/sign-in'),
    page.getByRole('button', { name: 'Sign in', exact: true }).click(),
  ]);
  return answer.status();
}

/** The page's fetch of a console API path, from inside the page (the cookie goes with it). */
export async function fetchInPage(
  page: Page,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ path, init }) => {
      const res = await fetch(path, {
        method: init.method ?? 'GET',
        headers: init.headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    },
    { path, init },
  );
}

/** Waits until the header says who is signed in: the principal's ARN in the page's banner. */
export async function waitForSignedIn(page: Page, arn: string): Promise<void> {
  await page.getByRole('banner').getByText(arn, { exact: true }).waitFor();
}

/** A server and Chromium for the tests of one describe block. */
export interface ConsoleFixture {
  readonly t: TestServer;
  readonly browser: ConsoleBrowser;
  /** The console open in a fresh context and signed in as the user (CONSOLE_PASSWORD, no MFA). */
  signedIn(userName: string, viewport?: { width: number; height: number }): Promise<Page>;
}

/**
 * Starts a server on `backend` (then `setup` makes what the tests need in it) and Chromium before the
 * describe block's tests, and closes both after them.
 */
export function useConsoleFixture(
  backend: Backend,
  setup: (t: TestServer) => Promise<void>,
  options: Parameters<typeof startTestServer>[1] = {},
): ConsoleFixture {
  let t: TestServer | undefined;
  let browser: ConsoleBrowser | undefined;
  beforeAll(async () => {
    t = await startTestServer(backend, options);
    await setup(t);
    browser = await launchConsoleBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.destroy();
  });
  const fixture: ConsoleFixture = {
    get t() {
      if (!t) throw new Error('the console fixture is used before its beforeAll');
      return t;
    },
    get browser() {
      if (!browser) throw new Error('the console fixture is used before its beforeAll');
      return browser;
    },
    async signedIn(userName, viewport) {
      const page = await fixture.browser.open(fixture.t.url, viewport);
      const account = fixture.t.server.services.config.accountId;
      const status = await submitUserSignIn(page, { account, userName, password: CONSOLE_PASSWORD });
      if (status !== 200) throw new Error(`${userName} could not sign in: HTTP ${status}`);
      await waitForSignedIn(page, `arn:aws:iam::${account}:user/${userName}`);
      return page;
    },
  };
  return fixture;
}
