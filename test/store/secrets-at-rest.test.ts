// Secrets never at rest in clear: after a user gets a password and an access key through the real
// SDK, no row of any table holds the secret access key, the password (current or earlier) or the
// root's secret; passwords are scrypt hashes and secrets are sealed values that open to the secret.
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEY_SECRET_PURPOSE } from '../../src/crypto/seal.ts';
import { verifyPassword } from '../../src/crypto/password-hash.ts';
import type { Database } from '../../src/store/database.ts';
import { BACKENDS, ROOT, startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * Every table the database really holds, read from its catalog (so a table added later is
 * covered without anyone remembering to list it here).
 */
async function allTables(t: TestServer): Promise<string[]> {
  const store = t.server.store;
  // rawRows is typed for the schema's tables; the catalogs are read through it on purpose
  const raw = (table: string) => store.rawRows(table as keyof Database);
  if (!t.config.databaseUrl)
    return (await raw('sqlite_master'))
      .filter((r) => r.type === 'table' && !String(r.name).startsWith('sqlite_'))
      .map((r) => String(r.name));
  const schema = new URL(t.config.databaseUrl).searchParams.get('schema');
  return (await raw('information_schema.tables'))
    .filter((r) => r.table_schema === schema && r.table_type === 'BASE TABLE')
    .map((r) => String(r.table_name));
}

const SCRYPT_HASH = /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/;
const OLD_PASSWORD = 'First-Secret-Pass-1';
const PASSWORD = 'Second-Secret-Pass-2';

describe.each(BACKENDS)('secrets at rest on %s', (backend) => {
  let t: TestServer;
  let secretAccessKey: string;
  let accessKeyId: string;
  let tables: string[];
  let rows: { table: string; row: Record<string, unknown> }[];

  beforeAll(async () => {
    t = await startTestServer(backend);
    const iam = t.iam();
    await iam.send(new CreateUserCommand({ UserName: 'carol' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'carol', Password: OLD_PASSWORD }));
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'carol', Password: PASSWORD }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'carol' }));
    accessKeyId = AccessKey!.AccessKeyId!;
    secretAccessKey = AccessKey!.SecretAccessKey!;
    // use the key, so that last-used data is written too
    await t.sts({ accessKeyId, secretAccessKey }).send(new GetCallerIdentityCommand({}));
    await new Promise((r) => setTimeout(r, 1300));
    tables = await allTables(t);
    rows = [];
    for (const table of tables)
      for (const row of await t.server.store.rawRows(table as keyof Database)) rows.push({ table, row });
  });
  afterAll(() => t.destroy());

  it('reads every table of the schema', () => {
    const schemaTables: (keyof Database)[] = ['accounts', 'users', 'access_keys', 'login_profiles'];
    expect(tables).toEqual(expect.arrayContaining(schemaTables));
    expect(tables.length).toBeGreaterThanOrEqual(17);
    expect(rows.some((r) => r.table === 'access_keys' && r.row.access_key_id === accessKeyId)).toBe(true);
  });

  it.each([
    ['the secret access key', () => secretAccessKey],
    ['the current password', () => PASSWORD],
    ['an earlier password', () => OLD_PASSWORD],
    ["the root's secret access key", () => ROOT.secretAccessKey],
  ])('stores %s nowhere in clear', (_what, secret) => {
    const s = secret();
    const encodings = [
      s,
      Buffer.from(s).toString('base64'),
      Buffer.from(s).toString('base64url'),
      Buffer.from(s).toString('hex'),
    ];
    for (const { table, row } of rows)
      for (const [column, value] of Object.entries(row)) {
        const text = value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : String(value);
        for (const e of encodings)
          expect(
            text.includes(e),
            `${table}.${column} holds the secret (${e === s ? 'clear' : 'encoded'})`,
          ).toBe(false);
      }
  });

  it('keeps passwords only as scrypt hashes, the earlier one included', async () => {
    const profiles = rows.filter((r) => r.table === 'login_profiles');
    expect(profiles).toHaveLength(1);
    const profile = profiles[0]!.row;
    expect(profile.password_hash).toMatch(SCRYPT_HASH);
    expect(await verifyPassword(PASSWORD, String(profile.password_hash))).toBe(true);
    const history = JSON.parse(String(profile.password_history)) as string[];
    expect(history).toHaveLength(1);
    expect(history[0]).toMatch(SCRYPT_HASH);
    expect(await verifyPassword(OLD_PASSWORD, history[0]!)).toBe(true);
  });

  it('keeps access-key secrets sealed, opening only with the master key and their purpose', () => {
    const keys = rows.filter((r) => r.table === 'access_keys');
    expect(keys.length).toBeGreaterThanOrEqual(2);
    const sealer = t.server.services.sealer;
    for (const { row } of keys) expect(String(row.secret_sealed)).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    const carol = keys.find((k) => k.row.access_key_id === accessKeyId)!.row;
    expect(sealer.open(String(carol.secret_sealed), ACCESS_KEY_SECRET_PURPOSE)).toBe(secretAccessKey);
    expect(() => sealer.open(String(carol.secret_sealed), 'another-purpose')).toThrow();
    const root = keys.find((k) => k.row.access_key_id === ROOT.accessKeyId)!.row;
    expect(sealer.open(String(root.secret_sealed), ACCESS_KEY_SECRET_PURPOSE)).toBe(ROOT.secretAccessKey);
  });
});
