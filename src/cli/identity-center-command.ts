// `tessera identity-center`: what an administrator does for Identity Center users outside AWS's APIs
// (as AWS's console does it): `set-password` (given, or generated and printed once; the user must
// change it at the next sign-in unless --permanent) and `register-mfa` (a new TOTP secret, printed once
// as an otpauth:// URI for an authenticator app), `start-url` (the address people sign in at) and
// `cli-endpoints` (an AWS_DATA_PATH directory that points older AWS CLIs' SSO calls at Tessera).
// Users are named by user name in the identity store of the instance an account administers.
import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { openSealer, otpauthUri } from '../authn/index.ts';
import { loadConfig } from '../config/index.ts';
import { base32Encode, newSeed } from '../crypto/index.ts';
import { administeredInstances, registerTotp, setSignInPassword } from '../domain/index.ts';
import { openStore, type Store } from '../store/index.ts';
import { writeSsoCliEndpoints } from './sso-cli-endpoints.ts';
import path from 'node:path';

interface StoreFlags {
  account?: string;
  dataDir?: string;
  databaseUrl?: string;
}

const definedOnly = (o: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;

function withStoreOptions(c: Command): Command {
  return c
    .option('--account <id>', 'the account that administers Identity Center [the default account]')
    .option('--data-dir <dir>', 'data directory [TESSERA_DATA_DIR]')
    .option('--database-url <url>', 'PostgreSQL URL [TESSERA_DATABASE_URL]');
}

/** Opens the store and finds the identity store the account administers (the organization's first). */
async function open(flags: StoreFlags) {
  const config = loadConfig(definedOnly({ dataDir: flags.dataDir, databaseUrl: flags.databaseUrl }));
  const accountId = flags.account ?? config.accountId;
  const store = await openStore(config);
  const instance = (await store.read((r) => administeredInstances(r, accountId)))[0];
  if (!instance) {
    await store.close();
    throw new Error(
      `account ${accountId} administers no Identity Center instance (its organization's management account enables one with \`aws sso-admin list-instances\`)`,
    );
  }
  return { config, store, instance };
}

async function userNamed(store: Store, identityStoreId: string, userName: string) {
  const user = await store.read((r) => r.ssoSignIn.signInUser(identityStoreId, userName));
  if (!user) throw new Error(`no user ${userName} in identity store ${identityStoreId}`);
  return user;
}

/** A password that meets Identity Center's rules: 20 random characters plus one of each class. */
function generatedPassword(): string {
  return `${randomBytes(15).toString('base64url')}aA1!`;
}

async function run(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    console.error(`tessera identity-center: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  }
}

export function registerIdentityCenter(program: Command): void {
  const idc = program
    .command('identity-center')
    .description("Identity Center users' passwords, MFA and start URL");
  withStoreOptions(
    idc
      .command('set-password')
      .description('Set a user’s sign-in password (printed once when generated)')
      .argument('<user-name>', 'the user name in the identity store')
      .option('--password <password>', 'the password [generated]')
      .option('--permanent', 'do not ask the user to choose a new one at the next sign-in'),
  ).action((userName: string, flags: StoreFlags & { password?: string; permanent?: boolean }) =>
    run(async () => {
      const { store, instance } = await open(flags);
      try {
        const user = await userNamed(store, instance.identity_store_id, userName);
        const password = flags.password ?? generatedPassword();
        await store.write(instance.owner_account_id, (r) =>
          setSignInPassword(r, user, password, new Date(), { resetRequired: flags.permanent !== true }),
        );
        if (flags.password === undefined) console.log(password);
        else console.error(`password of ${user.user_name} set`);
      } finally {
        await store.close();
      }
    }),
  );
  withStoreOptions(
    idc
      .command('register-mfa')
      .description(
        'Give a user a new TOTP device; prints its otpauth:// URI once (replaces any earlier device)',
      )
      .argument('<user-name>', 'the user name in the identity store'),
  ).action((userName: string, flags: StoreFlags) =>
    run(async () => {
      const { config, store, instance } = await open(flags);
      try {
        const user = await userNamed(store, instance.identity_store_id, userName);
        const secret = base32Encode(newSeed());
        const sealer = await openSealer(store, config.masterKey, config.dataDir);
        await store.write(instance.owner_account_id, (r) =>
          registerTotp(r, sealer, user, secret, new Date()),
        );
        console.log(
          otpauthUri(`${user.user_name}@${instance.identity_store_id}`, secret, 'Tessera Identity Center'),
        );
      } finally {
        await store.close();
      }
    }),
  );
  idc
    .command('cli-endpoints')
    .description(
      'Write an AWS_DATA_PATH directory that points the AWS CLI’s SSO calls at Tessera (for CLIs before 2.13)',
    )
    .argument('<dir>', 'the directory to create (then: export AWS_DATA_PATH=<dir>)')
    .option('--endpoint <url>', 'the address Tessera is reached at', 'http://127.0.0.1:8777')
    .action((dir: string, flags: { endpoint: string }) =>
      run(async () => {
        writeSsoCliEndpoints(dir, flags.endpoint);
        console.log(`export AWS_DATA_PATH=${path.resolve(dir)}`);
      }),
    );
  withStoreOptions(
    idc
      .command('start-url')
      .description('The start URL people sign in at (give it to `aws configure sso`)')
      .option('--endpoint <url>', 'the address Tessera is reached at', 'http://127.0.0.1:8777'),
  ).action((flags: StoreFlags & { endpoint: string }) =>
    run(async () => {
      const { store, instance } = await open(flags);
      await store.close();
      console.log(`${flags.endpoint.replace(/\/$/, '')}/start/${instance.identity_store_id}`);
    }),
  );
}
