// `aws sso login` end to end, on both backends: Debian's AWS CLI v2 runs non-interactively from a
// config file with an sso-session (`--no-browser`), headless Chromium (driven by playwright-core) opens
// the verification URL it prints and signs in through Tessera's real pages — user name and password,
// TOTP code, Allow — after which `aws sts get-caller-identity --profile p` prints the AWSReservedSSO_*
// role session named after the user, the SDK v3's fromSSO reads the same token cache, and
// `aws sso logout` ends the sign-in. The CLI reaches Tessera's SSO endpoints through an AWS_DATA_PATH
// written by `tessera identity-center cli-endpoints`' code.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromSSO } from '@aws-sdk/credential-provider-sso';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSsoCliEndpoints } from '../../src/cli/sso-cli-endpoints.ts';
import { programStatus, run, skipWithout } from '../support/external-programs.ts';
import {
  identityCenterFixture,
  MEMBER,
  PERMISSION_SET,
  type IdentityCenterFixture,
} from '../support/identity-center-fixture.ts';
import { BACKENDS, startTestServer, type Backend, type TestServer } from '../support/test-server.ts';

const skip = skipWithout('aws-cli-v2') || skipWithout('chromium');

describe.skipIf(skip).each(BACKENDS)(
  'aws sso login with Chromium on %s',
  { timeout: 180_000 },
  (backend: Backend) => {
    let t: TestServer;
    let idc: IdentityCenterFixture;
    let home: string;
    let browser: Browser;
    const env = () => ({
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_CONFIG_FILE: path.join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
      AWS_DATA_PATH: path.join(home, 'data'),
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const aws = (args: string[]) => {
      const status = programStatus('aws-cli-v2');
      if (!status.found) throw new Error(`AWS CLI v2 ${status.reason}`);
      return run(status.executable, args, env());
    };

    beforeAll(async () => {
      t = await startTestServer(backend);
      idc = await identityCenterFixture(t);
      home = mkdtempSync(path.join(tmpdir(), 'tessera-sso-'));
      writeSsoCliEndpoints(path.join(home, 'data'), t.url);
      writeFileSync(
        path.join(home, 'config'),
        [
          '[profile p]',
          'sso_session = s',
          `sso_account_id = ${MEMBER}`,
          `sso_role_name = ${PERMISSION_SET}`,
          'region = us-east-1',
          '',
          '[sso-session s]',
          `sso_start_url = ${idc.startUrl}`,
          'sso_region = us-east-1',
          'sso_registration_scopes = sso:account:access',
          '',
        ].join('\n'),
      );
      const status = programStatus('chromium');
      if (!status.found) throw new Error(`Chromium ${status.reason}`);
      browser = await chromium.launch({ executablePath: status.executable, args: ['--no-sandbox'] });
    });
    afterAll(async () => {
      await browser?.close();
      await t?.destroy();
      if (home) rmSync(home, { recursive: true, force: true });
    });

    it('signs in through the pages, then the CLI and the SDK act as the AWSReservedSSO role session', async () => {
      const cli = programStatus('aws-cli-v2');
      if (!cli.found) throw new Error(`AWS CLI v2 ${cli.reason}`);
      const login = spawn(cli.executable, ['sso', 'login', '--no-browser', '--profile', 'p'], { env: env() });
      let out = '';
      login.stdout.on('data', (d: Buffer) => (out += d.toString()));
      login.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number>((resolve) => login.on('close', (code) => resolve(code ?? -1)));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /(http:\/\/\S+\/sso\/device\?user_code=[A-Z-]+)/.exec(out);
          if (m) {
            clearInterval(timer);
            resolve(m[1]!);
          }
        }, 100);
        void exited.then(() => {
          clearInterval(timer);
          reject(new Error(`aws sso login ended before printing the URL:\n${out}`));
        });
      });

      const page = await browser.newPage();
      await page.goto(url);
      await page.fill('#username', idc.userName);
      await page.fill('#password', idc.password);
      await page.click('#sign-in');
      await page.fill('#code', idc.totp());
      await page.click('#verify');
      await expect
        .poll(() => page.textContent('#user-code'))
        .toBe(new URL(url).searchParams.get('user_code'));
      const cookies = await page.context().cookies();
      expect(cookies.find((c) => c.name === 'tessera_sso')).toMatchObject({
        httpOnly: true,
        sameSite: 'Strict',
      });
      await page.click('#allow');
      expect(await page.textContent('#message')).toContain('return to the application');

      expect(await exited).toBe(0);
      expect(out).toContain(`Successfully logged into Start URL: ${idc.startUrl}`);

      const who = await aws([
        'sts',
        'get-caller-identity',
        '--profile',
        'p',
        '--endpoint-url',
        t.url,
        '--output',
        'json',
      ]);
      expect(who.status, who.stderr).toBe(0);
      const identity = JSON.parse(who.stdout) as { Account: string; Arn: string };
      expect(identity.Account).toBe(MEMBER);
      expect(identity.Arn).toMatch(
        new RegExp(
          `^arn:aws:sts::${MEMBER}:assumed-role/AWSReservedSSO_${PERMISSION_SET}_[0-9a-f]{16}/${idc.userName}$`,
        ),
      );

      // the SDK v3 reads the CLI's token cache and config
      const savedHome = process.env.HOME;
      const savedConfig = process.env.AWS_CONFIG_FILE;
      process.env.HOME = home;
      process.env.AWS_CONFIG_FILE = path.join(home, 'config');
      try {
        const credentials = fromSSO({ profile: 'p', clientConfig: { endpoint: t.url } });
        const sts = new STSClient({ endpoint: t.url, region: 'us-east-1', credentials, maxAttempts: 1 });
        expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(identity.Arn);
      } finally {
        process.env.HOME = savedHome;
        if (savedConfig === undefined) delete process.env.AWS_CONFIG_FILE;
        else process.env.AWS_CONFIG_FILE = savedConfig;
      }

      const logout = await aws(['sso', 'logout', '--profile', 'p']);
      expect(logout.status, logout.stderr).toBe(0);
      const after = await aws([
        'sts',
        'get-caller-identity',
        '--profile',
        'p',
        '--endpoint-url',
        t.url,
        '--output',
        'json',
      ]);
      expect(after.status).not.toBe(0);
    });
  },
);
