// The credential report: each account's most recent report (its CSV text and when it was generated),
// and the account's credentials read in bulk as the report lists them — five queries for the whole
// account rather than a few per user. The rules and the CSV live in src/domain/credential-report.ts.
import type { AccessKeyRow } from './access-keys.ts';
import type { Db } from './db.ts';
import type { LoginProfileRow } from './login-profiles.ts';
import type { SigningCertificateRow } from './signing-certificates.ts';
import type { UserRow } from './users.ts';

/** An account's most recent credential report. */
export interface StoredCredentialReport {
  accountId: string;
  /** When it was generated, ISO 8601. */
  generatedAt: string;
  /** The report's CSV text. */
  content: string;
}

/** A user as the report names it. */
export type ReportUser = Pick<UserRow, 'user_id' | 'user_name' | 'arn' | 'created_at' | 'password_last_used'>;

/** A console password as the report dates it (never its hash). */
export type ReportLoginProfile = Pick<LoginProfileRow, 'user_id' | 'password_changed_at'>;

/** An access key as the report shows it (never its sealed secret). */
export type ReportAccessKey = Omit<AccessKeyRow, 'secret_sealed' | 'account_id'>;

/** A signing certificate as the report shows it (never its body). */
export type ReportSigningCertificate = Pick<SigningCertificateRow, 'user_id' | 'status' | 'uploaded_at'>;

/** Everything the report says about an account's users and root credentials. */
export interface AccountCredentials {
  /** The account's users, ordered by name key (as ListUsers lists them). */
  users: ReportUser[];
  /** The console passwords of the account's users. */
  loginProfiles: ReportLoginProfile[];
  /** The ids of the users with at least one MFA device enabled. */
  mfaUserIds: string[];
  /** The access keys of the account's users and of its root (user_id null), oldest first. */
  accessKeys: ReportAccessKey[];
  /** The signing certificates of the account's users and of its root (user_id null), oldest first. */
  signingCertificates: ReportSigningCertificate[];
}

/** Reading credential reports and what they are made from. */
export interface CredentialReportReader {
  /** The account's most recent report, or undefined when none was ever generated. */
  get(accountId: string): Promise<StoredCredentialReport | undefined>;
  /** The account's users, passwords, MFA use, access keys and signing certificates, in five queries. */
  credentialsOf(accountId: string): Promise<AccountCredentials>;
}

/** Credential reports, read and written. No cache depends on a report: writes announce no change. */
export interface CredentialReportRepo extends CredentialReportReader {
  /** Stores the account's report in place of its previous one. */
  put(report: StoredCredentialReport): Promise<void>;
}

export function credentialReportRepo(db: Db): CredentialReportRepo {
  return {
    async get(accountId) {
      const row = await db
        .selectFrom('credential_reports')
        .selectAll()
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row && { accountId: row.account_id, generatedAt: row.generated_at, content: row.content };
    },
    async credentialsOf(accountId) {
      const users = await db
        .selectFrom('users')
        .select(['user_id', 'user_name', 'arn', 'created_at', 'password_last_used'])
        .where('account_id', '=', accountId)
        .orderBy('name_key')
        .execute();
      const loginProfiles = await db
        .selectFrom('login_profiles')
        .innerJoin('users', 'users.user_id', 'login_profiles.user_id')
        .select(['login_profiles.user_id', 'login_profiles.password_changed_at'])
        .where('users.account_id', '=', accountId)
        .execute();
      const mfa = await db
        .selectFrom('mfa_devices')
        .select('user_id')
        .distinct()
        .where('account_id', '=', accountId)
        .where('user_id', 'is not', null)
        .execute();
      const accessKeys = await db
        .selectFrom('access_keys')
        .select([
          'access_key_id',
          'user_id',
          'status',
          'created_at',
          'last_used_at',
          'last_used_service',
          'last_used_region',
        ])
        .where('account_id', '=', accountId)
        .orderBy('created_at')
        .orderBy('access_key_id')
        .execute();
      const signingCertificates = await db
        .selectFrom('signing_certificates')
        .select(['user_id', 'status', 'uploaded_at'])
        .where('account_id', '=', accountId)
        .orderBy('uploaded_at')
        .orderBy('certificate_id')
        .execute();
      return {
        users,
        loginProfiles,
        mfaUserIds: mfa.flatMap((m) => (m.user_id === null ? [] : [m.user_id])),
        accessKeys,
        signingCertificates,
      };
    },
    async put(report) {
      await db
        .insertInto('credential_reports')
        .values({ account_id: report.accountId, generated_at: report.generatedAt, content: report.content })
        .onConflict((oc) =>
          oc.column('account_id').doUpdateSet({ generated_at: report.generatedAt, content: report.content }),
        )
        .execute();
    },
  };
}
