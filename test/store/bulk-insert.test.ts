// compileRows, the audit trail's multi-row INSERT: for SQLite's and PostgreSQL's compilers, its SQL
// and parameters are exactly what Kysely compiles for the same rows, again when the statement comes
// from its cache with other values, and rows that would change the statement are refused.
import { describe, expect, it } from 'vitest';
import { compileOnly } from '../../src/store/compile-only.ts';
import { compileRows } from '../../src/store/repos/bulk-insert.ts';

const COMPILERS = {
  sqlite: () => compileOnly('sqlite'),
  postgres: () => compileOnly('postgres'),
};

function resourceRow(i: number, salt: string) {
  return {
    account_id: `1111111111${String(i % 100).padStart(2, '0')}`,
    event_id: `${salt}-${i}`,
    event_time: new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString(),
    attribute: i % 2 === 0 ? 'ResourceType' : 'ResourceName',
    value: `arn:aws:iam::111111111111:role/it's-"${salt}"-${i}`,
  };
}

function eventRow(i: number, salt: string) {
  return {
    account_id: '111111111111',
    event_id: `${salt}-${i}`,
    event_time: new Date(Date.UTC(2030, 0, 1, 0, 0, i)).toISOString(),
    event_source: 'sts.amazonaws.com',
    event_name: 'GetCallerIdentity',
    read_only: i % 2,
    username: i % 3 === 0 ? null : `user${i}`,
    access_key_id: null,
    error_code: i % 5 === 0 ? 'AccessDenied' : null,
    record: JSON.stringify({ i, salt }),
    resources: '[]',
    response_elements: null,
  };
}

describe.each(Object.entries(COMPILERS))('compileRows on %s', (_name, make) => {
  const db = make();

  it.each([1, 2, 7, 200])('compiles %i rows as Kysely does, first time and from its cache', (n) => {
    for (const salt of ['first', 'second']) {
      const rows = Array.from({ length: n }, (_, i) => eventRow(i, `${salt}${n}`));
      const ours = compileRows(db, 'audit_events', rows);
      const kysely = db.insertInto('audit_events').values(rows).compile();
      expect(ours.sql).toBe(kysely.sql);
      expect(ours.parameters).toEqual(kysely.parameters);
      const resources = Array.from({ length: n }, (_, i) => resourceRow(i, salt));
      const theirs = db.insertInto('audit_event_resources').values(resources).compile();
      const mine = compileRows(db, 'audit_event_resources', resources);
      expect(mine.sql).toBe(theirs.sql);
      expect(mine.parameters).toEqual(theirs.parameters);
    }
  });

  it('refuses rows whose columns differ from the first row', () => {
    const [a, b] = [eventRow(1, 'x'), eventRow(2, 'x')];
    const { username: _dropped, ...withoutUser } = b;
    expect(() => compileRows(db, 'audit_events', [a, withoutUser as typeof a])).toThrow(/columns/);
    expect(() =>
      compileRows(db, 'audit_events', [a, { ...b, username: undefined } as unknown as typeof a]),
    ).toThrow(/undefined/);
    expect(() => compileRows(db, 'audit_events', [])).toThrow(/no rows/);
  });
});
