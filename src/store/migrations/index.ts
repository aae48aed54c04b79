// The ordered list of schema migrations, applied on start by Kysely's Migrator.
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.ts';

const migrations: Record<string, Migration> = {
  '001-initial': m001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
