// The ordered list of schema migrations, applied on start by Kysely's Migrator.
import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.ts';
import * as m008 from './008-session-keys.ts';
import * as m004 from './004-service-linked-roles.ts';
import * as m002 from './002-password-history.ts';
import * as m007 from './007-mfa-devices.ts';
import * as m009 from './009-instances.ts';
import * as m010 from './010-oidc-providers.ts';
import * as m011 from './011-saml-providers.ts';
import * as m012 from './012-credential-lockouts.ts';
import * as m013 from './013-audit-events.ts';
import * as m014 from './014-credential-reports.ts';
import * as m015 from './015-audit-delivery.ts';
import * as m016 from './016-access-activity.ts';
import * as m017 from './017-last-accessed-jobs.ts';
import * as m018 from './018-organizations.ts';
import * as m019 from './019-org-resource-policies.ts';
import * as m020 from './020-access-analyzer.ts';
import * as m021 from './021-finding-recommendations.ts';
import * as m022 from './022-analyzer-settings.ts';
import * as m023 from './023-identity-center.ts';
import * as m024 from './024-sso-sign-in.ts';
import * as m025 from './025-ssh-keys-signing-certificates.ts';
import * as m026 from './026-server-certificates.ts';
import * as m027 from './027-service-specific-credentials.ts';
import * as m028 from './028-outbound-web-identity.ts';
import * as m029 from './029-delegation-requests.ts';
import * as m030 from './030-mfa-path-sts-preferences.ts';
import * as m031 from './031-trust-principal-refs.ts';
import * as m032 from './032-saml-assertion-uses.ts';
import * as m033 from './033-console-sessions.ts';
import * as m034 from './034-root-mfa-enrolment.ts';

const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '008-session-keys': m008,
  '004-service-linked-roles': m004,
  '002-password-history': m002,
  '007-mfa-devices': m007,
  '009-instances': m009,
  '010-oidc-providers': m010,
  '011-saml-providers': m011,
  '012-credential-lockouts': m012,
  '013-audit-events': m013,
  '014-credential-reports': m014,
  '015-audit-delivery': m015,
  '016-access-activity': m016,
  '017-last-accessed-jobs': m017,
  '018-organizations': m018,
  '019-org-resource-policies': m019,
  '020-access-analyzer': m020,
  '021-finding-recommendations': m021,
  '022-analyzer-settings': m022,
  '023-identity-center': m023,
  '024-sso-sign-in': m024,
  '025-ssh-keys-signing-certificates': m025,
  '026-server-certificates': m026,
  '027-service-specific-credentials': m027,
  '028-outbound-web-identity': m028,
  '029-delegation-requests': m029,
  '030-mfa-path-sts-preferences': m030,
  '031-trust-principal-refs': m031,
  '032-saml-assertion-uses': m032,
  '033-console-sessions': m033,
  '034-root-mfa-enrolment': m034,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
