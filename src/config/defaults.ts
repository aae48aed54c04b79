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
  /** Server certificates per account (AWS default 20). */
  serverCertificatesPerAccount: number;
}

/** The most entries each per-principal cache keeps by default. */
export const DEFAULT_CACHE_ENTRIES = 100_000;

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
  serverCertificatesPerAccount: 20,
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
  /** PEM certificate file for HTTPS; with `tlsKey`, the server speaks TLS only. */
  tlsCert: string | undefined;
  /** PEM private key file for HTTPS. */
  tlsKey: string | undefined;
  /** Serve HTTPS with a self-signed certificate generated into the data directory (dev and tests). */
  tlsSelfSigned: boolean;
  /** pino log level of the JSON request log (fatal, error, warn, info, debug, trace, silent). */
  logLevel: string;
  /** Path of the Prometheus metrics endpoint; empty turns it off. */
  metricsPath: string;
  /** Whether the metrics endpoint requires a SigV4-signed caller allowed `tessera:GetMetrics`. */
  metricsAuth: boolean;
  /** Requests per second per access key (token bucket, burst of twice the rate); 0 means no limit. */
  rateLimitPerKey: number;
  /** Requests per second per source address (token bucket, burst of twice the rate); 0 means no limit. */
  rateLimitPerAddress: number;
  /** Wrong MFA codes or passwords in a row that lock the device or principal for `lockoutSeconds`. */
  lockoutThreshold: number;
  /** How long a lock after `lockoutThreshold` failures lasts, in seconds. */
  lockoutSeconds: number;
  /** How long a web console session lasts after sign-in, in seconds (15 minutes to 12 hours). */
  consoleSessionSeconds: number;
  /** The most entries each per-principal cache keeps (access keys; principals' policies). */
  cacheEntries: number;
  /** Who must have an MFA device to sign in to the web console, enrolling one at sign-in if not. */
  consoleRequireMfa: ConsoleRequireMfa;
  /** How long SIGTERM waits for in-flight requests before closing connections, in seconds. */
  shutdownTimeoutSeconds: number;
  /** After SIGTERM, how long the node keeps serving while answering not ready, in seconds. */
  shutdownDrainSeconds: number;
  /** Proxies (addresses and CIDR ranges) whose X-Forwarded-For and X-Forwarded-Proto name the client. */
  trustedProxies: readonly string[];
  /** Whether every call leaves a CloudTrail-shaped event in the audit trail. */
  audit: boolean;
  /** Days audit events are kept before they are pruned (CloudTrail's event history keeps 90). */
  auditRetentionDays: number;
  /** Where CloudTrail log files and digest files are delivered; unset means `<dataDir>/audit-logs`. */
  auditLogDir: string | undefined;
}

/** Who must use MFA at console sign-in (TESSERA_CONSOLE_REQUIRE_MFA). */
export const CONSOLE_REQUIRE_MFA = ['none', 'root', 'all'] as const;
export type ConsoleRequireMfa = (typeof CONSOLE_REQUIRE_MFA)[number];

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
  {
    key: 'tlsCert',
    env: 'TESSERA_TLS_CERT',
    flag: '--tls-cert',
    default: '',
    description:
      'PEM certificate (chain) file; with --tls-key the server speaks HTTPS only. Reloaded on SIGHUP.',
  },
  {
    key: 'tlsKey',
    env: 'TESSERA_TLS_KEY',
    flag: '--tls-key',
    default: '',
    description: 'PEM private key file for --tls-cert. Reloaded on SIGHUP.',
  },
  {
    key: 'tlsSelfSigned',
    env: 'TESSERA_TLS_SELF_SIGNED',
    flag: '--tls-self-signed',
    default: 'false',
    description:
      'Serve HTTPS with a self-signed certificate for the listen address, written to tls-cert.pem in the data directory (for --ca-bundle); for development and tests.',
  },
  {
    key: 'logLevel',
    env: 'TESSERA_LOG_LEVEL',
    flag: '--log-level',
    default: 'info',
    description:
      'Level of the JSON log on standard output, one line per request: fatal, error, warn, info, debug, trace or silent.',
  },
  {
    key: 'metricsPath',
    env: 'TESSERA_METRICS_PATH',
    flag: '--metrics-path',
    default: '/_tessera/metrics',
    description: 'Path of the Prometheus metrics endpoint; empty turns it off.',
  },
  {
    key: 'metricsAuth',
    env: 'TESSERA_METRICS_AUTH',
    flag: '--metrics-auth',
    default: 'false',
    description:
      'Require a SigV4-signed caller (service tessera) allowed tessera:GetMetrics to read the metrics.',
  },
  {
    key: 'rateLimitPerKey',
    env: 'TESSERA_RATE_LIMIT_PER_KEY',
    flag: '--rate-limit-per-key',
    default: '0',
    description:
      'Requests per second per access key (token bucket with a burst of twice the rate), answered past it with Throttling; 0 means no limit.',
  },
  {
    key: 'rateLimitPerAddress',
    env: 'TESSERA_RATE_LIMIT_PER_ADDRESS',
    flag: '--rate-limit-per-address',
    default: '0',
    description:
      'Requests per second per source address (token bucket with a burst of twice the rate), answered past it with Throttling; 0 means no limit.',
  },
  {
    key: 'lockoutThreshold',
    env: 'TESSERA_LOCKOUT_THRESHOLD',
    flag: '--lockout-threshold',
    default: '5',
    description:
      'Wrong MFA codes (per device and per principal) or wrong passwords (per user) in a row before a temporary lock.',
  },
  {
    key: 'lockoutSeconds',
    env: 'TESSERA_LOCKOUT_SECONDS',
    flag: '--lockout-seconds',
    default: '900',
    description: 'How long that lock lasts; while locked even the right code or password is refused.',
  },
  {
    key: 'consoleSessionSeconds',
    env: 'TESSERA_CONSOLE_SESSION_SECONDS',
    flag: '--console-session-seconds',
    default: '43200',
    description:
      'How long a web console session lasts after sign-in, 900 to 43200 seconds (12 hours, as AWS signs IAM users in for).',
  },
  {
    key: 'cacheEntries',
    env: 'TESSERA_CACHE_ENTRIES',
    flag: '--cache-entries',
    default: String(100_000),
    description:
      "The most access keys, and the most principals' compiled policies, a node keeps in memory; the least recently used go first (hit rates in /metrics).",
  },
  {
    key: 'consoleRequireMfa',
    env: 'TESSERA_CONSOLE_REQUIRE_MFA',
    flag: '--console-require-mfa',
    default: 'none',
    description:
      'Who must use MFA at web console sign-in: none, root (account roots) or all (roots and IAM users); one with no MFA device assigns a virtual one there first.',
  },
  {
    key: 'shutdownTimeoutSeconds',
    env: 'TESSERA_SHUTDOWN_TIMEOUT_SECONDS',
    flag: '--shutdown-timeout-seconds',
    default: '10',
    description:
      'On SIGTERM, how long in-flight requests may finish before connections are closed; buffered data is flushed either way.',
  },
  {
    key: 'shutdownDrainSeconds',
    env: 'TESSERA_SHUTDOWN_DRAIN_SECONDS',
    flag: '--shutdown-drain-seconds',
    default: '0',
    description:
      "On SIGTERM, how long the node goes on serving while /_tessera/ready answers 503, so that a load balancer's health check takes it out of rotation before it stops listening.",
  },
  {
    key: 'trustedProxies',
    env: 'TESSERA_TRUSTED_PROXIES',
    flag: '--trusted-proxies',
    default: '',
    description:
      'Comma-separated addresses and CIDR ranges of load balancers or proxies in front of the node: from them, X-Forwarded-For names the client (aws:SourceIp, the audit trail, rate limits) and X-Forwarded-Proto https means aws:SecureTransport. Empty: the socket peer is the client.',
  },
  {
    key: 'audit',
    env: 'TESSERA_AUDIT',
    flag: '--audit',
    default: 'true',
    description:
      'Record a CloudTrail-shaped event for every call (read with `aws cloudtrail lookup-events` or `tessera audit tail`); `false` turns the trail off.',
  },
  {
    key: 'auditRetentionDays',
    env: 'TESSERA_AUDIT_RETENTION_DAYS',
    flag: '--audit-retention-days',
    default: '90',
    description: 'Days audit events are kept; older ones are pruned in the background, an hour apart.',
  },
  {
    key: 'auditLogDir',
    env: 'TESSERA_AUDIT_LOG_DIR',
    flag: '--audit-log-dir',
    default: '',
    description:
      'Directory the audit trail is delivered to as CloudTrail log files (every 5 minutes) and signed hourly digest files (`tessera audit verify` checks them); empty means audit-logs in the data directory.',
  },
];
