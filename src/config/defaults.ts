// Every configuration option, its environment variable, default and meaning, in one place. The
// README's configuration table is checked against this list by a test.

export interface Quotas {
  /** Users per account (AWS default 5,000). */
  usersPerAccount: number;
  /** Roles per account (AWS default 1,000). */
  rolesPerAccount: number;
  /** Groups per account (AWS default 300). */
  groupsPerAccount: number;
  /** Customer managed policies per account (AWS default 1,500). */
  customerManagedPoliciesPerAccount: number;
  /** Instance profiles per account (AWS default 1,000). */
  instanceProfilesPerAccount: number;
  /** Managed policies attached to one user, group or role (AWS default 10, raisable to 20). */
  managedPoliciesPerEntity: number;
  /** Groups a user may belong to (AWS: 10). */
  groupsPerUser: number;
  /** Versions kept per managed policy (AWS: 5). */
  versionsPerPolicy: number;
  /** Access keys per user (AWS: 2). */
  accessKeysPerUser: number;
  /** Tags per resource (AWS: 50). */
  tagsPerResource: number;
  /** Size of a managed policy document, whitespace not counted (AWS: 6,144). */
  managedPolicySize: number;
  /** Aggregate inline policy size per user (AWS: 2,048). */
  userInlinePolicySize: number;
  /** Aggregate inline policy size per group (AWS: 5,120). */
  groupInlinePolicySize: number;
  /** Aggregate inline policy size per role (AWS: 10,240). */
  roleInlinePolicySize: number;
  /** Role trust policy size (AWS default 2,048). */
  trustPolicySize: number;
}

export const DEFAULT_QUOTAS: Readonly<Quotas> = Object.freeze({
  usersPerAccount: 5000,
  rolesPerAccount: 1000,
  groupsPerAccount: 300,
  customerManagedPoliciesPerAccount: 1500,
  instanceProfilesPerAccount: 1000,
  managedPoliciesPerEntity: 10,
  groupsPerUser: 10,
  versionsPerPolicy: 5,
  accessKeysPerUser: 2,
  tagsPerResource: 50,
  managedPolicySize: 6144,
  userInlinePolicySize: 2048,
  groupInlinePolicySize: 5120,
  roleInlinePolicySize: 10240,
  trustPolicySize: 2048,
});

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  accountId: string;
  rootAccessKeyId: string | undefined;
  rootSecretAccessKey: string | undefined;
  masterKey: string | undefined;
  dev: boolean;
  region: string;
  quotas: Quotas;
}

export interface OptionSpec {
  key: keyof Config;
  env: string;
  flag: string;
  default: string;
  description: string;
}

/** The documented options; `tessera serve --help` and the README list exactly these. */
export const OPTIONS: readonly OptionSpec[] = [
  {
    key: 'host',
    env: 'TESSERA_HOST',
    flag: '--host',
    default: '127.0.0.1',
    description: 'Address to listen on.',
  },
  {
    key: 'port',
    env: 'TESSERA_PORT',
    flag: '--port',
    default: '8777',
    description: 'Port to listen on (0 picks a free one).',
  },
  {
    key: 'dataDir',
    env: 'TESSERA_DATA_DIR',
    flag: '--data-dir',
    default: './.data',
    description: 'Directory for the SQLite file, the master key and the root credentials file.',
  },
  {
    key: 'databaseUrl',
    env: 'TESSERA_DATABASE_URL',
    flag: '--database-url',
    default: '',
    description:
      'A postgres:// URL selects PostgreSQL (optional ?schema=name); empty means SQLite in the data directory.',
  },
  {
    key: 'accountId',
    env: 'TESSERA_ACCOUNT_ID',
    flag: '--account-id',
    default: '123456789012',
    description: 'The default account (12 digits).',
  },
  {
    key: 'rootAccessKeyId',
    env: 'TESSERA_ROOT_ACCESS_KEY_ID',
    flag: '--root-access-key-id',
    default: '',
    description: "Bootstrap access key id of the default account's root; generated when unset.",
  },
  {
    key: 'rootSecretAccessKey',
    env: 'TESSERA_ROOT_SECRET_ACCESS_KEY',
    flag: '--root-secret-access-key',
    default: '',
    description: 'Bootstrap secret of that key.',
  },
  {
    key: 'masterKey',
    env: 'TESSERA_MASTER_KEY',
    flag: '--master-key',
    default: '',
    description:
      'Base64 32-byte key that seals secrets at rest; generated into the data directory (mode 0600) when unset.',
  },
  {
    key: 'dev',
    env: 'TESSERA_DEV',
    flag: '--dev',
    default: 'false',
    description:
      'UNSAFE dev mode: unknown access keys act as the default root; POST /_tessera/reset empties all state.',
  },
  {
    key: 'quotas',
    env: 'TESSERA_QUOTAS',
    flag: '--quotas',
    default: '',
    description:
      'JSON object overriding the default quotas of every account, e.g. {"usersPerAccount":10000,"managedPoliciesPerEntity":20}; `tessera accounts set-quotas` overrides them per account.',
  },
  {
    key: 'region',
    env: 'TESSERA_REGION',
    flag: '--region',
    default: 'us-east-1',
    description: 'Region reported in responses and events.',
  },
];
