// The relational schema as Kysely sees it: one interface per table. Times are ISO 8601 text and
// flags are 0/1 integers so that the same queries run on SQLite and PostgreSQL.
import type { Generated } from 'kysely';

export interface AccountsTable {
  account_id: string;
  created_at: string;
  /** JSON object of quota overrides for this account, or null for the server's defaults. */
  quotas: string | null;
  /** The version of the global STS endpoint's session tokens: 1 or 2 (migration 030). */
  global_endpoint_token_version: Generated<number>;
}

export interface AccessKeysTable {
  access_key_id: string;
  account_id: string;
  /** The owning user's id, or null for the account's root credentials. */
  user_id: string | null;
  status: 'Active' | 'Inactive';
  /** The secret access key sealed with the master key (never in clear). */
  secret_sealed: string;
  created_at: string;
  last_used_at: string | null;
  last_used_service: string | null;
  last_used_region: string | null;
}

export interface UsersTable {
  user_id: string;
  account_id: string;
  user_name: string;
  /** Lower-cased name: IAM names are unique regardless of case. */
  name_key: string;
  path: string;
  arn: string;
  created_at: string;
  permissions_boundary: string | null;
  password_last_used: string | null;
}

export interface LoginProfilesTable {
  user_id: string;
  password_hash: string;
  password_reset_required: number;
  created_at: string;
  password_changed_at: string;
  /** Earlier password hashes, newest first, as a JSON array (migration 002); never clear text. */
  password_history: Generated<string>;
}

export interface PasswordPoliciesTable {
  account_id: string;
  /** The PasswordPolicy structure as JSON. */
  policy: string;
}

export interface GroupsTable {
  group_id: string;
  account_id: string;
  group_name: string;
  name_key: string;
  path: string;
  arn: string;
  created_at: string;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
  added_at: string;
}

export interface RolesTable {
  role_id: string;
  account_id: string;
  role_name: string;
  name_key: string;
  path: string;
  arn: string;
  created_at: string;
  assume_role_policy: string;
  description: string | null;
  max_session_duration: number;
  permissions_boundary: string | null;
  last_used_at: string | null;
  last_used_region: string | null;
  /** The AWS service principal of a service-linked role (migration 004), null for an ordinary role. */
  linked_service: string | null;
}

export interface ManagedPoliciesTable {
  policy_id: string;
  /** The owning account, or 'aws' for AWS managed policies. */
  account_id: string;
  policy_name: string;
  name_key: string;
  path: string;
  arn: string;
  default_version: number;
  next_version: number;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface PolicyVersionsTable {
  policy_id: string;
  /** 1 for v1, 2 for v2, … */
  version: number;
  document: string;
  created_at: string;
}

export type AttachableEntity = 'user' | 'group' | 'role';

export interface PolicyAttachmentsTable {
  account_id: string;
  policy_id: string;
  entity_type: AttachableEntity;
  entity_id: string;
  attached_at: string;
}

export interface InlinePoliciesTable {
  entity_type: AttachableEntity;
  entity_id: string;
  policy_name: string;
  document: string;
}

export type TaggableResource =
  | 'user'
  | 'role'
  | 'policy'
  | 'instance-profile'
  | 'oidc-provider'
  | 'saml-provider'
  | 'mfa-device'
  | 'server-certificate'
  /** An organization's root, OU, policy or member account, by its id. */
  | 'org-resource';

export interface TagsTable {
  resource_type: TaggableResource;
  resource_id: string;
  tag_key: string;
  key_lower: string;
  tag_value: string;
  position: number;
}

export interface InstanceProfilesTable {
  instance_profile_id: string;
  account_id: string;
  name: string;
  name_key: string;
  path: string;
  arn: string;
  created_at: string;
}

export interface InstanceProfileRolesTable {
  instance_profile_id: string;
  role_id: string;
}

export interface AccountAliasesTable {
  alias: string;
  account_id: string;
}

export interface ServiceLinkedRoleDeletionsTable {
  deletion_task_id: string;
  account_id: string;
  role_name: string;
  status: 'SUCCEEDED' | 'IN_PROGRESS' | 'FAILED' | 'NOT_STARTED';
  reason: string | null;
  created_at: string;
}

export interface SessionKeysTable {
  key_id: string;
  /** The AES-256 key, base64, sealed under the master key. */
  key_sealed: string;
  created_at: string;
}

export interface MfaDevicesTable {
  /** The device's ARN, arn:aws:iam::ACCOUNT:mfa/PATH/NAME (migration 007). */
  serial_number: string;
  account_id: string;
  device_name: string;
  name_key: string;
  path: string;
  /** The TOTP seed (raw bytes, base64) sealed with the master key; never in clear. */
  seed_sealed: string;
  created_at: string;
  /**
   * Whom the device is enabled for: an IAM user's id, or the account id for the account's root (whose
   * principal id it is; migration 034); null while it is unassigned.
   */
  user_id: string | null;
  enabled_at: string | null;
  /** The last time step whose code was accepted: a code is good once. */
  last_step: number | null;
  /** How many time steps the device's clock is ahead (negative: behind), as ResyncMFADevice found. */
  drift_steps: Generated<number>;
}

export interface SamlProvidersTable {
  /** The provider's UUID, as GetSAMLProvider reports it (migration 011). */
  provider_id: string;
  account_id: string;
  name: string;
  name_key: string;
  arn: string;
  /** The IdP's SAML metadata document as uploaded. */
  metadata: string;
  /** The metadata's entityID: the Issuer every assertion from this provider must carry. */
  entity_id: string;
  valid_until: string;
  assertion_encryption_mode: string | null;
  created_at: string;
  updated_at: string;
}

export interface OidcProvidersTable {
  /** arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH (migration 010). */
  arn: string;
  account_id: string;
  /** The issuer URL with its scheme, as a token's `iss` must spell it. */
  url: string;
  /** JSON array of client ids (audiences). */
  client_ids: string;
  /** JSON array of 40-hex-digit certificate thumbprints. */
  thumbprints: string;
  created_at: string;
}

/** A named instance carrying an instance profile (migration 009). */
export interface InstancesTable {
  /** i- followed by 17 hex digits, as EC2 names instances. */
  instance_id: string;
  account_id: string;
  name: string;
  name_key: string;
  instance_profile_id: string;
  /** SHA-256 (hex) of the instance's secret, the container-credentials authorization token. */
  secret_digest: string;
  created_at: string;
}

/** A guessable credential's failures since its last success, and its lock (migration 012). */
export interface CredentialLockoutsTable {
  /** What is counted: mfa-device:SERIAL, mfa-principal:ID or password:USER_ID. */
  lockout_key: string;
  account_id: string;
  /** Wrong attempts in a row. */
  failures: number;
  /** Until when every attempt is refused, or null while unlocked. */
  locked_until: string | null;
  last_failure_at: string;
}

/** One CloudTrail record in one recipient account's trail (migration 013). */
export interface AuditEventsTable {
  account_id: string;
  event_id: string;
  /** ISO 8601 with milliseconds. */
  event_time: string;
  event_source: string;
  event_name: string;
  /** 1 for a read-only call. */
  read_only: number;
  username: string | null;
  access_key_id: string | null;
  error_code: string | null;
  /** The record as JSON. */
  record: string;
  /** The resources LookupEvents lists, as JSON. */
  resources: string;
  response_elements: string | null;
}

/** A resource type or name an event names, for LookupEvents' ResourceType and ResourceName. */
export interface AuditEventResourcesTable {
  account_id: string;
  event_id: string;
  event_time: string;
  attribute: string;
  value: string;
}

/** The last authentication of a user or role for one action (migration 016). */
export interface AccessActivityTable {
  account_id: string;
  entity_arn: string;
  service_namespace: string;
  action_name: string;
  last_authenticated: string;
  region: string;
}

/** An account's most recent credential report (migration 014). */
export interface CredentialReportsTable {
  account_id: string;
  /** ISO 8601. */
  generated_at: string;
  /** The report's CSV text. */
  content: string;
}

/** A generated service last accessed report, kept for the Get calls (migration 017). */
export interface ServiceLastAccessedJobsTable {
  job_id: string;
  account_id: string;
  arn: string;
  granularity: 'SERVICE_LEVEL' | 'ACTION_LEVEL';
  created_at: string;
  completed_at: string;
  /** The report as JSON. */
  result: string;
}

/** An account's key pair that signs its digest files (migration 015). */
export interface AuditSigningKeysTable {
  account_id: string;
  /** The public key's fingerprint (hex). */
  key_id: string;
  public_key_pem: string;
  /** The PKCS#8 private key sealed with the master key. */
  sealed_private_key: string;
  created_at: string;
}

/** How far log-file and digest delivery has come, per account and ('*') overall (migration 015). */
export interface AuditDeliveryTable {
  account_id: string;
  delivered_until: string;
  last_digest_end: string | null;
  last_digest_object: string | null;
  last_digest_signature: string | null;
  last_digest_hash: string | null;
  /** JSON array of the log files not yet listed in a digest. */
  pending_log_files: string;
}

/** An organization: its management account, root, enabled policy types and IAM's root-access features. */
export interface OrganizationsTable {
  org_id: string;
  management_account_id: string;
  root_id: string;
  feature_set: 'ALL';
  /** JSON array of the policy types enabled on the root. */
  policy_types: string;
  root_credentials_management: number;
  root_sessions: number;
  created_at: string;
}

/** An organizational unit, under the root or another OU. */
export interface OrgUnitsTable {
  ou_id: string;
  org_id: string;
  parent_id: string;
  name: string;
  created_at: string;
}

/** An account's membership of an organization, and where it sits in the tree. */
export interface OrgAccountsTable {
  account_id: string;
  org_id: string;
  parent_id: string;
  name: string;
  email: string;
  status: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE';
  joined_method: 'CREATED' | 'INVITED';
  joined_at: string;
}

/** An organization policy (SCP, RCP …), AWS's own (FullAWSAccess) included. */
export interface OrgPoliciesTable {
  org_id: string;
  policy_id: string;
  policy_type: string;
  name: string;
  description: string;
  content: string;
  aws_managed: number;
  created_at: string;
}

/** A policy attached to a root, OU or account. */
export interface OrgPolicyTargetsTable {
  org_id: string;
  policy_id: string;
  target_id: string;
  attached_at: string;
}

/** A service the organization trusts (EnableAWSServiceAccess). */
export interface OrgServiceAccessTable {
  org_id: string;
  service_principal: string;
  enabled_at: string;
}

/** A member account registered as a service's delegated administrator. */
export interface OrgDelegatedAdminsTable {
  org_id: string;
  account_id: string;
  service_principal: string;
  registered_at: string;
}

/** A CreateAccount request and its outcome. */
export interface OrgCreateAccountRequestsTable {
  request_id: string;
  org_id: string;
  account_name: string;
  state: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED';
  requested_at: string;
  completed_at: string | null;
  account_id: string | null;
  failure_reason: string | null;
}

/** An invitation of an existing account to join an organization. */
export interface OrgHandshakesTable {
  handshake_id: string;
  org_id: string;
  target_account_id: string;
  /** INVITE, or ENABLE_ALL_FEATURES (EnableAllFeatures' record, addressed to the management account). */
  action: 'INVITE' | 'ENABLE_ALL_FEATURES';
  state: 'REQUESTED' | 'OPEN' | 'CANCELED' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';
  notes: string | null;
  requested_at: string;
  expires_at: string;
}

/** An organization's resource-based delegation policy (migration 019). */
export interface OrgResourcePoliciesTable {
  org_id: string;
  policy_id: string;
  content: string;
  created_at: string;
  updated_at: string;
}

/** An IAM Access Analyzer analyzer (migration 020). */
export interface AnalyzersTable {
  account_id: string;
  name: string;
  arn: string;
  type: 'ACCOUNT' | 'ORGANIZATION' | 'ACCOUNT_UNUSED_ACCESS' | 'ORGANIZATION_UNUSED_ACCESS';
  unused_access_age: number | null;
  org_id: string | null;
  tags: string;
  created_at: string;
  /** The unused-access analysis rule as JSON ({ exclusions: [...] }), else null (migration 022). */
  analysis_rule: string | null;
}

/** An analyzer's archive rule (migration 020). */
export interface AnalyzerArchiveRulesTable {
  analyzer_arn: string;
  rule_name: string;
  filter: string;
  created_at: string;
  updated_at: string;
}

/** A finding an analyzer holds (migration 020). */
export interface AnalyzerFindingsTable {
  analyzer_arn: string;
  finding_id: string;
  finding_key: string;
  finding_type: string;
  resource: string;
  resource_type: string;
  resource_owner_account: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'RESOLVED';
  details: string;
  created_at: string;
  updated_at: string;
  analyzed_at: string;
}

/** When a finding's recommendation was asked for (GenerateFindingRecommendation). */
export interface FindingRecommendationsTable {
  analyzer_arn: string;
  finding_id: string;
  started_at: string;
}

/** An IAM Identity Center instance (migration 023). */
export interface IdcInstancesTable {
  instance_arn: string;
  identity_store_id: string;
  owner_account_id: string;
  org_id: string | null;
  name: string | null;
  tags: string;
  created_at: string;
}

/** A user of an Identity Center identity store, with its sign-in password and TOTP device (migration 023). */
export interface IdcUsersTable {
  identity_store_id: string;
  user_id: string;
  user_name: string;
  user_name_key: string;
  display_name: string | null;
  attributes: string;
  status: 'ENABLED' | 'DISABLED';
  password_hash: string | null;
  password_set_at: string | null;
  password_reset_required: Generated<number>;
  mfa_secret: string | null;
  mfa_registered_at: string | null;
  mfa_last_step: number | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** A group of an Identity Center identity store (migration 023). */
export interface IdcGroupsTable {
  identity_store_id: string;
  group_id: string;
  display_name: string;
  display_name_key: string;
  description: string | null;
  external_ids: string | null;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
}

/** A user's membership of a group in an identity store (migration 023). */
export interface IdcGroupMembershipsTable {
  identity_store_id: string;
  membership_id: string;
  group_id: string;
  user_id: string;
  created_at: string;
  created_by: string | null;
}

/** An Identity Center permission set (migration 023). */
export interface IdcPermissionSetsTable {
  permission_set_arn: string;
  instance_arn: string;
  name: string;
  description: string | null;
  session_duration: string;
  relay_state: string | null;
  inline_policy: string | null;
  managed_policies: string;
  customer_managed_policies: string;
  permissions_boundary: string | null;
  tags: string;
  created_at: string;
  updated_at: string;
}

/** A permission set assigned to a user or group in an account (migration 023). */
export interface IdcAccountAssignmentsTable {
  instance_arn: string;
  account_id: string;
  permission_set_arn: string;
  principal_type: 'USER' | 'GROUP';
  principal_id: string;
  created_at: string;
}

/** A permission set provisioned to an account, as the role that stands for it (migration 023). */
export interface IdcProvisionedTable {
  permission_set_arn: string;
  account_id: string;
  instance_arn: string;
  role_name: string;
  provisioned_at: string;
}

/** An asynchronous Identity Center request and how it ended (migration 023). */
export interface IdcRequestsTable {
  request_id: string;
  instance_arn: string;
  kind: 'ASSIGNMENT_CREATION' | 'ASSIGNMENT_DELETION' | 'PERMISSION_SET_PROVISIONING';
  status: 'IN_PROGRESS' | 'FAILED' | 'SUCCEEDED';
  failure_reason: string | null;
  details: string;
  created_at: string;
}

/** A sign-in session of Identity Center's pages (migration 024). */
export interface SsoWebSessionsTable {
  token_hash: string;
  identity_store_id: string;
  user_id: string;
  stage: 'MFA' | 'PASSWORD_CHANGE' | 'SIGNED_IN';
  created_at: string;
  expires_at: string;
}

/** A client registered with SSO OIDC (migration 024). */
export interface SsoOidcClientsTable {
  client_id: string;
  secret_hash: string;
  client_name: string;
  client_type: string;
  scopes: string;
  grant_types: string;
  redirect_uris: string;
  issuer_url: string | null;
  created_at: string;
  expires_at: string;
}

/** A device authorization awaiting a person's approval (migration 024). */
export interface SsoDeviceAuthorizationsTable {
  device_code_hash: string;
  user_code: string;
  client_id: string;
  identity_store_id: string;
  status: 'PENDING' | 'APPROVED' | 'DENIED' | 'REDEEMED';
  user_id: string | null;
  interval_seconds: number;
  last_polled_at: string | null;
  created_at: string;
  expires_at: string;
}

/** An authorization code of the PKCE grant (migration 024). */
export interface SsoAuthorizationCodesTable {
  code_hash: string;
  client_id: string;
  redirect_uri: string;
  code_challenge: string;
  identity_store_id: string;
  user_id: string;
  scopes: string;
  redeemed: Generated<number>;
  created_at: string;
  expires_at: string;
}

/** An SSO OIDC access or refresh token (migration 024). */
export interface SsoTokensTable {
  token_hash: string;
  kind: 'ACCESS' | 'REFRESH';
  family_id: string;
  client_id: string;
  identity_store_id: string;
  user_id: string;
  scopes: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** An IAM user or role a role's trust policy names, by unique id (migration 031). */
export interface TrustPrincipalRefsTable {
  role_id: string;
  account_id: string;
  principal_id: string;
  principal_arn: string;
}

/** A redeemed SAML assertion, until it expires (migration 032). */
export interface SamlAssertionUsesTable {
  provider_arn: string;
  assertion_id: string;
  expires_at: string;
}

/** A web console sign-in (migration 033). */
export interface ConsoleSessionsTable {
  token_hash: string;
  account_id: string;
  identity_type: 'user' | 'root';
  identity_arn: string;
  user_id: string | null;
  /** Which step the sign-in has reached; MFA_ENROLMENT: a first MFA device is due (migration 034). */
  stage: 'MFA' | 'MFA_ENROLMENT' | 'PASSWORD_CHANGE' | 'SIGNED_IN';
  mfa_used: number;
  credentials_sealed: string | null;
  role_sealed: string | null;
  recent_roles: string;
  created_at: string;
  expires_at: string;
  /** At MFA_ENROLMENT, the device being enrolled (name and seed, JSON), sealed (migration 034). */
  enrolment_sealed: string | null;
}

/** An account root's console password (migration 033). */
export interface ConsoleRootPasswordsTable {
  account_id: string;
  sign_in_name: string;
  password_hash: string;
  set_at: string;
}

/** An IAM user's SSH public key for CodeCommit (migration 025). */
export interface SshPublicKeysTable {
  /** APKA followed by 16 characters. */
  ssh_public_key_id: string;
  account_id: string;
  user_id: string;
  /** The MD5 fingerprint of the key's SSH wire form, colon-separated hex (as `ssh-keygen -E md5`). */
  fingerprint: string;
  /** The key in OpenSSH form, `ssh-rsa <base64>`, whatever form it was uploaded in. */
  key_body: string;
  status: 'Active' | 'Inactive';
  uploaded_at: string;
}

/** An X.509 signing certificate of a user, or of the account root when user_id is null (migration 025). */
export interface SigningCertificatesTable {
  certificate_id: string;
  account_id: string;
  user_id: string | null;
  /** The SHA-256 digest of the certificate's DER form, hex: one certificate per account. */
  digest: string;
  /** The certificate in PEM form, as uploaded. */
  certificate_body: string;
  status: 'Active' | 'Inactive';
  uploaded_at: string;
}

/** An IAM server certificate; its private key sealed under the master key (migration 026). */
export interface ServerCertificatesTable {
  server_certificate_id: string;
  account_id: string;
  name: string;
  name_key: string;
  path: string;
  arn: string;
  /** The certificate in PEM form, as uploaded. */
  certificate_body: string;
  /** The intermediate certificates in PEM form, as uploaded, if any. */
  certificate_chain: string | null;
  private_key_sealed: string;
  /** When the certificate expires (its notAfter), ISO 8601. */
  expires_at: string;
  uploaded_at: string;
}

/** An IAM user's credential for one service: a user name and password, or an API key (migration 027). */
export interface ServiceSpecificCredentialsTable {
  /** ACCA followed by 17 characters. */
  credential_id: string;
  account_id: string;
  user_id: string;
  /** The service principal it is for, e.g. codecommit.amazonaws.com. */
  service_name: string;
  /** `<user>-at-<account>` (or `<user>+1-at-…`) for user-name-and-password services, else null. */
  service_user_name: string | null;
  /** The same form, as the public part of an API key (Bedrock, CloudWatch Logs), else null. */
  service_credential_alias: string | null;
  /** The password or API key secret, sealed under the master key. */
  secret_sealed: string;
  status: 'Active' | 'Inactive';
  created_at: string;
  /** When an API key created with CredentialAgeDays expires; null when it never does. */
  expires_at: string | null;
}

/** An account's outbound web identity federation (migration 028); kept after a disable. */
export interface OutboundWebIdentityTable {
  account_id: string;
  /** The random id that ends the issuer URL (and routes its discovery documents). */
  issuer_id: string;
  /** The issuer URL fixed when the feature was first enabled: every token's `iss`. */
  issuer_url: string;
  status: 'Enabled' | 'Disabled';
  updated_at: string;
}

/** A key that signs GetWebIdentityToken's JWTs (migration 028). */
export interface WebIdentitySigningKeysTable {
  /** The JWK's `kid`. */
  key_id: string;
  algorithm: 'RS256' | 'ES384';
  /** The private key, PKCS #8 PEM, sealed under the master key. */
  private_key_sealed: string;
  /** The public key as a JWK (JSON), as the JWKS publishes it. */
  public_jwk: string;
  created_at: string;
}

/** The states of a delegation request, as AWS's model names them (stateType). */
export type DelegationRequestState =
  'UNASSIGNED' | 'ASSIGNED' | 'PENDING_APPROVAL' | 'FINALIZED' | 'ACCEPTED' | 'REJECTED' | 'EXPIRED';

/** An IAM delegation request filed by a partner account (migration 029). */
export interface DelegationRequestsTable {
  delegation_request_id: string;
  /** The partner account that created it (RequestorId). */
  requestor_account_id: string;
  /** The partner's workflow id: unique per requestor account. */
  requestor_workflow_id: string;
  owner_account_id: string | null;
  /** The ARN of the identity that associated the request (OwnerId). */
  owner_id: string | null;
  /** The ARN of the identity that accepted it (ApproverId). */
  approver_id: string | null;
  /** The accepting identity, as JSON: who the delegated credentials act as (no secret). */
  approver: string | null;
  description: string;
  request_message: string | null;
  /** The DelegationPermission given to CreateDelegationRequest, as JSON. */
  permissions: string;
  /** The policy the template and parameters render to: the delegated session's session policy. */
  permission_policy: string;
  redirect_url: string | null;
  notification_channel: string;
  session_duration: number;
  /** 1 when only the owner may call SendDelegationToken. */
  only_send_by_owner: number;
  notes: string | null;
  rejection_reason: string | null;
  /** The state last written; past expires_at the request reads as EXPIRED. */
  state: DelegationRequestState;
  expires_at: string;
  created_at: string;
  updated_at: string;
  /** When SendDelegationToken released the token: the delegation period starts then. */
  finalized_at: string | null;
  /** The trade-in token released to the partner, sealed under the master key. */
  trade_in_token_sealed: string | null;
}

export interface Database {
  session_keys: SessionKeysTable;
  accounts: AccountsTable;
  access_keys: AccessKeysTable;
  ssh_public_keys: SshPublicKeysTable;
  signing_certificates: SigningCertificatesTable;
  server_certificates: ServerCertificatesTable;
  service_specific_credentials: ServiceSpecificCredentialsTable;
  outbound_web_identity: OutboundWebIdentityTable;
  web_identity_signing_keys: WebIdentitySigningKeysTable;
  delegation_requests: DelegationRequestsTable;
  users: UsersTable;
  login_profiles: LoginProfilesTable;
  password_policies: PasswordPoliciesTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  roles: RolesTable;
  trust_principal_refs: TrustPrincipalRefsTable;
  saml_assertion_uses: SamlAssertionUsesTable;
  console_sessions: ConsoleSessionsTable;
  console_root_passwords: ConsoleRootPasswordsTable;
  managed_policies: ManagedPoliciesTable;
  policy_versions: PolicyVersionsTable;
  policy_attachments: PolicyAttachmentsTable;
  inline_policies: InlinePoliciesTable;
  tags: TagsTable;
  instance_profiles: InstanceProfilesTable;
  instance_profile_roles: InstanceProfileRolesTable;
  account_aliases: AccountAliasesTable;
  service_linked_role_deletions: ServiceLinkedRoleDeletionsTable;
  mfa_devices: MfaDevicesTable;
  saml_providers: SamlProvidersTable;
  oidc_providers: OidcProvidersTable;
  credential_lockouts: CredentialLockoutsTable;
  instances: InstancesTable;
  audit_events: AuditEventsTable;
  audit_event_resources: AuditEventResourcesTable;
  access_activity: AccessActivityTable;
  service_last_accessed_jobs: ServiceLastAccessedJobsTable;
  credential_reports: CredentialReportsTable;
  audit_signing_keys: AuditSigningKeysTable;
  audit_delivery: AuditDeliveryTable;
  organizations: OrganizationsTable;
  org_units: OrgUnitsTable;
  org_accounts: OrgAccountsTable;
  org_policies: OrgPoliciesTable;
  org_policy_targets: OrgPolicyTargetsTable;
  org_service_access: OrgServiceAccessTable;
  org_delegated_admins: OrgDelegatedAdminsTable;
  org_create_account_requests: OrgCreateAccountRequestsTable;
  org_handshakes: OrgHandshakesTable;
  org_resource_policies: OrgResourcePoliciesTable;
  analyzers: AnalyzersTable;
  analyzer_archive_rules: AnalyzerArchiveRulesTable;
  analyzer_findings: AnalyzerFindingsTable;
  finding_recommendations: FindingRecommendationsTable;
  idc_instances: IdcInstancesTable;
  idc_users: IdcUsersTable;
  idc_groups: IdcGroupsTable;
  idc_group_memberships: IdcGroupMembershipsTable;
  idc_permission_sets: IdcPermissionSetsTable;
  idc_account_assignments: IdcAccountAssignmentsTable;
  idc_provisioned: IdcProvisionedTable;
  idc_requests: IdcRequestsTable;
  sso_web_sessions: SsoWebSessionsTable;
  sso_oidc_clients: SsoOidcClientsTable;
  sso_device_authorizations: SsoDeviceAuthorizationsTable;
  sso_authorization_codes: SsoAuthorizationCodesTable;
  sso_tokens: SsoTokensTable;
}
