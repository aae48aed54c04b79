// The IAM credential report: a CSV with the account root's row, then one row per IAM user, giving the
// state of each credential (console password, MFA, two access keys, two signing certificates) in
// AWS's columns and with AWS's values. A report lives four hours: GenerateCredentialReport makes a
// new one only when no younger one exists, and GetCredentialReport serves it until it expires.
// Tessera generates the report inside the GenerateCredentialReport call, under the account's write
// lock, so no other call ever finds one in progress.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
import { AwsError } from '../errors.ts';
import type {
  ReadRepos,
  Repos,
  AccessKeyUse,
  AccountCredentials,
  ReportAccessKey,
  ReportSigningCertificate,
} from '../store/index.ts';
import { rootArn } from './arns.ts';
import { findPasswordPolicy } from './password-policy.ts';

/** The report's columns, in AWS's order. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'password_enabled',
  'password_last_used',
  'password_last_changed',
  'password_next_rotation',
  'mfa_active',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
  'cert_1_active',
  'cert_1_last_rotated',
  'cert_2_active',
  'cert_2_last_rotated',
] as const;

/** How long a report is served, and how long GenerateCredentialReport keeps it rather than make another. */
export const CREDENTIAL_REPORT_LIFETIME_MS = 4 * 60 * 60 * 1000;

/** The name AWS gives the root's row. */
export const ROOT_ACCOUNT_ROW = '<root_account>';

const NOT_APPLICABLE = 'N/A';
const NO_INFORMATION = 'no_information';
const NOT_SUPPORTED = 'not_supported';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A buffered access-key use not yet written to the store, by key id. */
export type PendingKeyUse = (accessKeyId: string) => AccessKeyUse | undefined;

/** What the report is built from: the account's credentials, its root, and its password policy. */
export interface CredentialReportInput {
  accountId: string;
  /** When the account (and so its root user) was created, ISO 8601. */
  accountCreatedAt: string;
  credentials: AccountCredentials;
  /** The password policy's MaxPasswordAge in days, when passwords expire. */
  maxPasswordAge?: number | undefined;
  pendingUse?: PendingKeyUse;
}

/** A time as the report writes it: ISO 8601 to the second, with AWS's `+00:00` offset. */
export function reportTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19) + '+00:00';
}

/** A CSV field, quoted when it holds a comma, a quote or a line break (user names may hold commas). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const flag = (b: boolean) => (b ? 'true' : 'false');

/** The five columns of one access-key slot: active, last rotated, last used date, region, service. */
function keyColumns(key: ReportAccessKey | undefined, pendingUse: PendingKeyUse | undefined): string[] {
  if (!key) return ['false', NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE];
  const pending = pendingUse?.(key.access_key_id);
  const usedAt = pending?.at ?? key.last_used_at;
  return [
    flag(key.status === 'Active'),
    reportTime(key.created_at),
    usedAt ? reportTime(usedAt) : NOT_APPLICABLE,
    (usedAt && (pending?.region ?? key.last_used_region)) || NOT_APPLICABLE,
    (usedAt && (pending?.service ?? key.last_used_service)) || NOT_APPLICABLE,
  ];
}

/** The two columns of one signing-certificate slot: active, and when it was uploaded. */
function certColumns(cert: ReportSigningCertificate | undefined): string[] {
  if (!cert) return ['false', NOT_APPLICABLE];
  return [flag(cert.status === 'Active'), reportTime(cert.uploaded_at)];
}

/** The report's rows, the root's first, each in CREDENTIAL_REPORT_COLUMNS order. */
export function credentialReportRows(input: CredentialReportInput): string[][] {
  const { credentials, pendingUse } = input;
  const keysOf = new Map<string | null, ReportAccessKey[]>();
  for (const key of credentials.accessKeys) {
    const list = keysOf.get(key.user_id) ?? [];
    list.push(key);
    keysOf.set(key.user_id, list);
  }
  const keySlots = (owner: string | null) => {
    const keys = keysOf.get(owner) ?? [];
    return [...keyColumns(keys[0], pendingUse), ...keyColumns(keys[1], pendingUse)];
  };
  const certsOf = new Map<string | null, ReportSigningCertificate[]>();
  for (const cert of credentials.signingCertificates) {
    const list = certsOf.get(cert.user_id) ?? [];
    list.push(cert);
    certsOf.set(cert.user_id, list);
  }
  const certSlots = (owner: string | null) => {
    const certs = certsOf.get(owner) ?? [];
    return [...certColumns(certs[0]), ...certColumns(certs[1])];
  };
  const root = [
    ROOT_ACCOUNT_ROW,
    rootArn(input.accountId),
    reportTime(input.accountCreatedAt),
    NOT_SUPPORTED,
    // Tessera's root has no console password, so it was never used to sign in
    NO_INFORMATION,
    NOT_SUPPORTED,
    NOT_SUPPORTED,
    // the root's MFA devices are stored with the account id as their owner
    flag(credentials.mfaUserIds.includes(input.accountId)),
    ...keySlots(null),
    ...certSlots(null),
  ];
  const passwords = new Map(credentials.loginProfiles.map((p) => [p.user_id, p.password_changed_at]));
  const withMfa = new Set(credentials.mfaUserIds);
  const users = credentials.users.map((user) => {
    const changedAt = passwords.get(user.user_id);
    const password =
      changedAt === undefined
        ? ['false', NOT_APPLICABLE, NOT_APPLICABLE, NOT_APPLICABLE]
        : [
            'true',
            user.password_last_used ? reportTime(user.password_last_used) : NO_INFORMATION,
            reportTime(changedAt),
            input.maxPasswordAge
              ? reportTime(new Date(Date.parse(changedAt) + input.maxPasswordAge * DAY_MS).toISOString())
              : NOT_APPLICABLE,
          ];
    return [
      user.user_name,
      user.arn,
      reportTime(user.created_at),
      ...password,
      flag(withMfa.has(user.user_id)),
      ...keySlots(user.user_id),
      ...certSlots(user.user_id),
    ];
  });
  return [root, ...users];
}

/** The report's CSV text: the header line, then the rows, separated by `\n`. */
export function credentialReportCsv(input: CredentialReportInput): string {
  return [CREDENTIAL_REPORT_COLUMNS, ...credentialReportRows(input)]
    .map((row) => row.map(csvField).join(','))
    .join('\n');
}

const isFresh = (generatedAt: string, now: Date) =>
  now.getTime() - Date.parse(generatedAt) < CREDENTIAL_REPORT_LIFETIME_MS;

/**
 * GenerateCredentialReport: 'COMPLETE' when the account has a report younger than four hours (it is
 * kept as it is); otherwise a new report is built from the account's current credentials and
 * stored, and the answer is 'STARTED'. Runs in a write, whose account lock keeps two calls from
 * generating at once.
 */
export async function generateCredentialReport(
  repos: Repos,
  accountId: string,
  now: Date,
  pendingUse?: PendingKeyUse,
): Promise<'STARTED' | 'COMPLETE'> {
  const existing = await repos.credentialReports.get(accountId);
  if (existing && isFresh(existing.generatedAt, now)) return 'COMPLETE';
  const account = await repos.accounts.get(accountId);
  const policy = await findPasswordPolicy(repos, accountId);
  const content = credentialReportCsv({
    accountId,
    accountCreatedAt: account?.created_at ?? now.toISOString(),
    credentials: await repos.credentialReports.credentialsOf(accountId),
    maxPasswordAge: policy?.MaxPasswordAge,
    ...(pendingUse ? { pendingUse } : {}),
  });
  await repos.credentialReports.put({ accountId, generatedAt: now.toISOString(), content });
  return 'STARTED';
}

/** GetCredentialReport: the account's report while it is younger than four hours. */
export async function getCredentialReport(
  repos: ReadRepos,
  accountId: string,
  now: Date,
): Promise<{ content: string; generatedAt: Date }> {
  const report = await repos.credentialReports.get(accountId);
  if (!report)
    throw new AwsError(
      'ReportNotPresent',
      'The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.',
    );
  if (!isFresh(report.generatedAt, now))
    throw new AwsError(
      'ReportExpired',
      'The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport.',
    );
  return { content: report.content, generatedAt: new Date(report.generatedAt) };
}
