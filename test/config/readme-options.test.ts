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

  it('reads trusted proxies as addresses and CIDR ranges, none by default, and refuses anything else', () => {
    expect(loadConfig({}, {}).trustedProxies).toEqual([]);
    expect(
      loadConfig({}, { TESSERA_TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1 ,fd00::/8,::1' }).trustedProxies,
    ).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8', '::1']);
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'proxy.local', '10.0.0.1/8/2', '10.0.0/8', '1.2.3.4/x'])
      expect(() => loadConfig({ trustedProxies: bad }, {})).toThrow(
        `TESSERA_TRUSTED_PROXIES: "${bad}" is not an IP address or a CIDR range`,
      );
    expect(loadConfig({}, { TESSERA_SHUTDOWN_DRAIN_SECONDS: '5' }).shutdownDrainSeconds).toBe(5);
    expect(() => loadConfig({}, { TESSERA_SHUTDOWN_DRAIN_SECONDS: '-1' })).toThrow(
      'TESSERA_SHUTDOWN_DRAIN_SECONDS must be a number of at least 0',
    );
  });

  it('refuses an account id that is not 12 digits', () => {
    expect(() => loadConfig({}, { TESSERA_ACCOUNT_ID: '1234' })).toThrow(/12 digits/);
  });
});
