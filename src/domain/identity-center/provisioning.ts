// Provisioning a permission set to an account, as Identity Center does it: the account's SAML
// provider `AWSSSO_<16 hex>_DO_NOT_DELETE` (one per instance and account, with IdP metadata for the
// instance), and a role `AWSReservedSSO_<permission set name>_<16 hex>` under
// /aws-reserved/sso.amazonaws.com/ that trusts it, with the permission set's session duration, inline
// policy (AwsSSOInlinePolicy), AWS managed policies, the account's customer managed policies named by
// path and name, and permissions boundary. Re-provisioning brings an existing role in step;
// de-provisioning removes it. Everything goes through the IAM domain functions (quotas, change
// announcements, caches), as the role's own service (`byService`), which IAM's callers are not.
// What can fail (a customer managed policy missing in the account, a quota) is checked before
// anything changes, and reported as the request's failure reason.
import { randomBytes } from 'node:crypto';
import { generate } from 'selfsigned';
import type { Quotas } from '../../config/index.ts';
import type { IdcInstanceRow, IdcPermissionSetRow, ReadRepos, Repos, RoleRow } from '../../store/index.ts';
import { iamArn } from '../arns.ts';
import { deleteAllInlinePolicies, deleteInlinePolicy, putInlinePolicy } from '../inline-policies.ts';
import { attachPolicy, detachPolicy } from '../policy-attachments.ts';
import {
  createRole,
  deleteRole,
  roleOwner,
  setRoleBoundary,
  SSO_RESERVED_ROLE_PATH,
  updateAssumeRolePolicy,
  updateRole,
} from '../roles.ts';
import { createSamlProvider, samlProviderArn } from '../saml-providers.ts';
import { instanceIdOf } from './instances.ts';
import {
  permissionSetBoundaryOf,
  checkSessionDuration,
  customerPoliciesOf,
  managedPoliciesOf,
  type CustomerManagedPolicyReference,
} from './permission-sets.ts';

/** The name AWS gives the permission set's inline policy on the role. */
export const SSO_INLINE_POLICY_NAME = 'AwsSSOInlinePolicy';

/** The audience of the sign-in assertions Identity Center's roles accept. */
const SAML_AUDIENCE = 'https://signin.aws.amazon.com/saml';

/** The outcome of provisioning one account: done, or why not (the request's FailureReason). */
export type ProvisionOutcome = { ok: true; roleName: string } | { ok: false; reason: string };

/** `AWSSSO_<16 hex>_DO_NOT_DELETE`: the instance's SAML provider in every account it provisions to. */
export const ssoSamlProviderName = (instance: IdcInstanceRow) =>
  `AWSSSO_${instanceIdOf(instance.instance_arn)
    .replace(/^ssoins-/, '')
    .slice(0, 16)
    .padEnd(16, '0')}_DO_NOT_DELETE`;

/** The instance's SAML IdP entity id, as AWS's portal names it. */
const entityIdOf = (instance: IdcInstanceRow) =>
  `https://portal.sso.us-east-1.amazonaws.com/saml/assertion/${Buffer.from(instanceIdOf(instance.instance_arn)).toString('base64url')}`;

let signingCertificate: Promise<string> | undefined;

/**
 * The certificate the instance's metadata publishes. Tessera never signs assertions for Identity
 * Center (the portal issues role sessions itself), so one self-signed certificate serves every
 * instance and its key is not kept.
 */
function metadataCertificate(): Promise<string> {
  signingCertificate ??= generate([{ name: 'commonName', value: 'Tessera IAM Identity Center' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(Date.UTC(2024, 0, 1)),
    notAfterDate: new Date(Date.UTC(2124, 0, 1)),
  }).then((g) => g.cert.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''));
  return signingCertificate;
}

/** SAML 2.0 IdP metadata for the instance: its entity id, signing certificate and sign-in endpoint. */
export async function ssoIdpMetadata(instance: IdcInstanceRow): Promise<string> {
  const entityId = entityIdOf(instance);
  const cert = await metadataCertificate();
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}">`,
    '<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">',
    '<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data>',
    `<ds:X509Certificate>${cert}</ds:X509Certificate>`,
    '</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>',
    '<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>',
    `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${entityId}"/>`,
    '</md:IDPSSODescriptor>',
    '</md:EntityDescriptor>',
  ].join('');
}

/** The trust policy of a provisioned role: sign-in through the instance's SAML provider in the account. */
export function ssoTrustPolicy(accountId: string, instance: IdcInstanceRow): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: samlProviderArn(accountId, ssoSamlProviderName(instance)) },
        Action: ['sts:AssumeRoleWithSAML', 'sts:TagSession'],
        Condition: { StringEquals: { 'SAML:aud': SAML_AUDIENCE } },
      },
    ],
  });
}

const customerPolicyArn = (accountId: string, ref: CustomerManagedPolicyReference) =>
  iamArn(accountId, 'policy', ref.Path, ref.Name);

/** What the permission set asks of the role in this account. */
interface RolePlan {
  maxSessionDuration: number;
  inlinePolicy: string | null;
  policyArns: string[];
  boundaryArn: string | null;
}

/** The role's plan, or the failure reason when the account lacks a policy or a quota is exceeded. */
async function planRole(
  repos: ReadRepos,
  ps: IdcPermissionSetRow,
  accountId: string,
  quotas: Quotas,
): Promise<RolePlan | { reason: string }> {
  const customer = customerPoliciesOf(ps).map((ref) => customerPolicyArn(accountId, ref));
  const boundary = permissionSetBoundaryOf(ps);
  const boundaryArn = boundary?.ManagedPolicyArn
    ? boundary.ManagedPolicyArn
    : boundary?.CustomerManagedPolicyReference
      ? customerPolicyArn(accountId, boundary.CustomerManagedPolicyReference)
      : null;
  for (const arn of [
    ...customer,
    ...(boundaryArn && boundary?.CustomerManagedPolicyReference ? [boundaryArn] : []),
  ]) {
    const row = await repos.managedPolicies.byArn(arn);
    if (!row || row.account_id !== accountId)
      return { reason: `Received a 404 status error: Not supported policy ${arn}.` };
  }
  const policyArns = [...managedPoliciesOf(ps), ...customer];
  if (policyArns.length > quotas.managedPoliciesPerEntity)
    return {
      reason: `Cannot exceed quota for PoliciesPerRole: ${quotas.managedPoliciesPerEntity} in account ${accountId}.`,
    };
  return {
    maxSessionDuration: checkSessionDuration(ps.session_duration),
    inlinePolicy: ps.inline_policy,
    policyArns,
    boundaryArn,
  };
}

/** The instance's SAML provider in the account, created on first use. */
async function ensureSamlProvider(
  repos: Repos,
  instance: IdcInstanceRow,
  accountId: string,
  quotas: Quotas,
  now: Date,
): Promise<void> {
  const name = ssoSamlProviderName(instance);
  if (await repos.samlProviders.byName(accountId, name)) return;
  await createSamlProvider(
    repos,
    accountId,
    { Name: name, SAMLMetadataDocument: await ssoIdpMetadata(instance) },
    quotas,
    now,
  );
}

/** The role standing for the permission set in the account, if it is provisioned there and still exists. */
export async function provisionedRole(
  repos: ReadRepos,
  permissionSetArn: string,
  accountId: string,
): Promise<RoleRow | undefined> {
  const provisioned = await repos.idcAssignments.provisioned(permissionSetArn, accountId);
  return provisioned && (await repos.roles.byName(accountId, provisioned.role_name));
}

/** Brings the role's policies, boundary and session length to the plan. */
async function applyPlan(
  repos: Repos,
  role: RoleRow,
  plan: RolePlan,
  quotas: Quotas,
  now: Date,
): Promise<void> {
  const asService = { byService: true };
  const owner = roleOwner(role);
  if (role.max_session_duration !== plan.maxSessionDuration)
    await updateRole(
      repos,
      role.account_id,
      role.role_name,
      { MaxSessionDuration: plan.maxSessionDuration },
      asService,
    );
  if (plan.inlinePolicy !== null)
    await putInlinePolicy(
      repos,
      owner,
      SSO_INLINE_POLICY_NAME,
      plan.inlinePolicy,
      quotas.roleInlinePolicySize,
    );
  else if (await repos.inlinePolicies.get('role', role.role_id, SSO_INLINE_POLICY_NAME))
    await deleteInlinePolicy(repos, owner, SSO_INLINE_POLICY_NAME);
  const target = { type: 'role' as const, id: role.role_id };
  const attached = (await repos.managedPolicies.attachedTo('role', role.role_id)).map((p) => p.arn);
  for (const arn of attached)
    if (!plan.policyArns.includes(arn)) await detachPolicy(repos, role.account_id, target, arn);
  for (const arn of plan.policyArns)
    if (!attached.includes(arn)) await attachPolicy(repos, role.account_id, target, arn, quotas, now);
  if (role.permissions_boundary !== plan.boundaryArn)
    await setRoleBoundary(repos, role.account_id, role.role_name, plan.boundaryArn, asService);
}

/**
 * Provisions the permission set to the account: creates its role (and the account's SAML provider) or
 * brings the existing one in step, and records when. A failure leaves the account as it was.
 */
export async function provisionToAccount(
  repos: Repos,
  instance: IdcInstanceRow,
  ps: IdcPermissionSetRow,
  accountId: string,
  quotas: Quotas,
  now: Date,
): Promise<ProvisionOutcome> {
  const plan = await planRole(repos, ps, accountId, quotas);
  if ('reason' in plan) return { ok: false, reason: plan.reason };
  let role = await provisionedRole(repos, ps.permission_set_arn, accountId);
  if (!role) {
    const roleName = `AWSReservedSSO_${ps.name}_${randomBytes(8).toString('hex')}`;
    if ((await repos.roles.count(accountId)) >= quotas.rolesPerAccount)
      return { ok: false, reason: `Cannot exceed quota for RolesPerAccount: ${quotas.rolesPerAccount}` };
    await ensureSamlProvider(repos, instance, accountId, quotas, now);
    role = await createRole(
      repos,
      accountId,
      {
        RoleName: roleName,
        Path: SSO_RESERVED_ROLE_PATH,
        AssumeRolePolicyDocument: ssoTrustPolicy(accountId, instance),
        MaxSessionDuration: plan.maxSessionDuration,
      },
      quotas,
      now,
    );
  } else {
    // the provider is the instance's own: put back if it went missing, and trusted again
    await ensureSamlProvider(repos, instance, accountId, quotas, now);
    const trust = ssoTrustPolicy(accountId, instance);
    if (role.assume_role_policy !== trust)
      await updateAssumeRolePolicy(repos, accountId, role.role_name, trust, quotas, { byService: true });
  }
  await applyPlan(repos, role, plan, quotas, now);
  await repos.idcAssignments.putProvisioned({
    permission_set_arn: ps.permission_set_arn,
    account_id: accountId,
    instance_arn: instance.instance_arn,
    role_name: role.role_name,
    provisioned_at: now.toISOString(),
  });
  return { ok: true, roleName: role.role_name };
}

/** Removes the permission set's role from the account (its last assignment there is gone). */
export async function deprovisionFromAccount(
  repos: Repos,
  permissionSetArn: string,
  accountId: string,
): Promise<void> {
  const role = await provisionedRole(repos, permissionSetArn, accountId);
  if (role) {
    const target = { type: 'role' as const, id: role.role_id };
    for (const p of await repos.managedPolicies.attachedTo('role', role.role_id))
      await detachPolicy(repos, accountId, target, p.arn);
    await deleteAllInlinePolicies(repos, roleOwner(role));
    await deleteRole(repos, accountId, role.role_name, { byService: true });
  }
  await repos.idcAssignments.deleteProvisioned(permissionSetArn, accountId);
}
