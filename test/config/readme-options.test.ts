// The README's configuration table lists exactly the options of src/config/defaults.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPTIONS } from '../../src/config/defaults.ts';
import { loadConfig } from '../../src/config/load.ts';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const rows = readme
  .split('\n')
  .filter((l) => l.startsWith('| `TESSERA_'))
  .map((l) => l.split('|').map((c) => c.trim()));

describe('configuration', () => {
  it('documents every option in the README with its flag and default', () => {
    expect(rows.map((r) => r[1])).toEqual(OPTIONS.map((o) => `\`${o.env}\``));
    for (const o of OPTIONS) {
      const row = rows.find((r) => r[1] === `\`${o.env}\``)!;
      expect(row[2]).toBe(`\`${o.flag}\``);
      if (o.default) expect(row[3]).toBe(`\`${o.default}\``);
    }
  });

  it('reads environment variables and lets flags override them', () => {
    const c = loadConfig(
      { port: '9000' },
      { TESSERA_PORT: '8000', TESSERA_ACCOUNT_ID: '111122223333', TESSERA_DEV: '1' },
    );
    expect(c.port).toBe(9000);
    expect(c.accountId).toBe('111122223333');
    expect(c.dev).toBe(true);
  });

  it('overrides quotas from TESSERA_QUOTAS and refuses unknown names or bad values', () => {
    const c = loadConfig({}, { TESSERA_QUOTAS: '{"usersPerAccount":10000,"managedPoliciesPerEntity":20}' });
    expect(c.quotas.usersPerAccount).toBe(10000);
    expect(c.quotas.managedPoliciesPerEntity).toBe(20);
    expect(c.quotas.rolesPerAccount).toBe(1000);
    expect(() => loadConfig({}, { TESSERA_QUOTAS: '{"usersPerAcount":1}' })).toThrow(
      /unknown quota usersPerAcount/,
    );
    expect(() => loadConfig({}, { TESSERA_QUOTAS: '{"usersPerAccount":0}' })).toThrow(/positive integer/);
    expect(() => loadConfig({}, { TESSERA_QUOTAS: 'nope' })).toThrow(/not JSON/);
  });

  it('reads who must use MFA at console sign-in, nobody by default, and refuses other values', () => {
    expect(loadConfig({}, {}).consoleRequireMfa).toBe('none');
    expect(loadConfig({}, { TESSERA_CONSOLE_REQUIRE_MFA: 'root' }).consoleRequireMfa).toBe('root');
    expect(loadConfig({ consoleRequireMfa: 'all' }, {}).consoleRequireMfa).toBe('all');
    expect(() => loadConfig({}, { TESSERA_CONSOLE_REQUIRE_MFA: 'users' })).toThrow(
      'TESSERA_CONSOLE_REQUIRE_MFA must be one of none, root, all',
    );
  });

  it('refuses an account id that is not 12 digits', () => {
    expect(() => loadConfig({}, { TESSERA_ACCOUNT_ID: '1234' })).toThrow(/12 digits/);
  });
});
