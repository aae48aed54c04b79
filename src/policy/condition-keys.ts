// Owns the catalogue of global condition keys and the IAM/STS service keys the engine knows: each key's
// type and whether it is multivalued. Per
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
// Key names are case-insensitive; a prefix entry (ending in `/`) covers every `prefix/tag-key`.

export type ConditionKeyType = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'IPAddress' | 'ARN';

export interface ConditionKeyInfo {
  readonly name: string;
  readonly type: ConditionKeyType;
  readonly multivalued: boolean;
}

const key = (name: string, type: ConditionKeyType, multivalued = false): ConditionKeyInfo => ({
  name,
  type,
  multivalued,
});

export const GLOBAL_CONDITION_KEYS: readonly ConditionKeyInfo[] = [
  key('aws:AssumedRoot', 'Bool'),
  key('aws:CalledVia', 'String', true),
  key('aws:CalledViaFirst', 'String'),
  key('aws:CalledViaLast', 'String'),
  key('aws:CurrentTime', 'Date'),
  key('aws:EpochTime', 'Date'),
  key('aws:FederatedProvider', 'String'),
  key('aws:MultiFactorAuthAge', 'Numeric'),
  key('aws:MultiFactorAuthPresent', 'Bool'),
  key('aws:PrincipalAccount', 'String'),
  key('aws:PrincipalArn', 'ARN'),
  key('aws:PrincipalIsAWSService', 'Bool'),
  key('aws:PrincipalOrgID', 'String'),
  key('aws:PrincipalOrgPaths', 'String', true),
  key('aws:PrincipalServiceName', 'String'),
  key('aws:PrincipalServiceNamesList', 'String', true),
  key('aws:PrincipalType', 'String'),
  key('aws:RequestedRegion', 'String'),
  key('aws:ResourceAccount', 'String'),
  key('aws:ResourceOrgID', 'String'),
  key('aws:ResourceOrgPaths', 'String', true),
  key('aws:SecureTransport', 'Bool'),
  key('aws:SourceAccount', 'String'),
  key('aws:SourceArn', 'ARN'),
  key('aws:SourceIdentity', 'String'),
  key('aws:SourceIp', 'IPAddress'),
  key('aws:SourceOrgID', 'String'),
  key('aws:SourceOrgPaths', 'String', true),
  key('aws:SourceVpc', 'String'),
  key('aws:SourceVpce', 'String'),
  key('aws:TagKeys', 'String', true),
  key('aws:TokenIssueTime', 'Date'),
  key('aws:UserAgent', 'String'),
  key('aws:userid', 'String'),
  key('aws:username', 'String'),
  key('aws:ViaAWSService', 'Bool'),
  key('aws:VpcSourceIp', 'IPAddress'),
  key('aws:Ec2InstanceSourceVpc', 'String'),
  key('aws:Ec2InstanceSourcePrivateIPv4', 'IPAddress'),
  key('aws:Referer', 'String'),
  key('aws:ChatbotSourceArn', 'ARN'),
  key('iam:AWSServiceName', 'String'),
  key('iam:AssociatedResourceArn', 'ARN'),
  key('iam:OrganizationsPolicyId', 'String'),
  key('iam:PassedToService', 'String'),
  key('iam:PermissionsBoundary', 'ARN'),
  key('iam:PolicyARN', 'ARN'),
  key('sts:AWSServiceName', 'String'),
  key('sts:DurationSeconds', 'Numeric'),
  key('sts:ExternalId', 'String'),
  key('sts:IdentityTokenAudience', 'String', true),
  key('sts:RoleSessionName', 'String'),
  key('sts:SigningAlgorithm', 'String'),
  key('sts:SourceIdentity', 'String'),
  key('sts:TransitiveTagKeys', 'String', true),
  key('sts:TaskSourceIdentity', 'String'),
  key('accounts.google.com:aud', 'String'),
  key('accounts.google.com:oaud', 'String'),
  key('accounts.google.com:sub', 'String'),
  key('cognito-identity.amazonaws.com:amr', 'String', true),
  key('cognito-identity.amazonaws.com:aud', 'String'),
  key('cognito-identity.amazonaws.com:sub', 'String'),
  key('graph.facebook.com:app_id', 'String'),
  key('graph.facebook.com:id', 'String'),
  key('www.amazon.com:app_id', 'String'),
  key('www.amazon.com:user_id', 'String'),
  key('saml:aud', 'String'),
  key('saml:cn', 'String', true),
  key('saml:commonName', 'String'),
  key('saml:doc', 'String'),
  key('saml:eduorghomepageuri', 'String', true),
  key('saml:eduorgidentityauthnpolicyuri', 'String', true),
  key('saml:eduorglegalname', 'String', true),
  key('saml:eduorgsuperioruri', 'String', true),
  key('saml:eduorgwhitepagesuri', 'String', true),
  key('saml:edupersonaffiliation', 'String', true),
  key('saml:edupersonassurance', 'String', true),
  key('saml:edupersonentitlement', 'String', true),
  key('saml:edupersonnickname', 'String', true),
  key('saml:edupersonorgdn', 'String'),
  key('saml:edupersonorgunitdn', 'String', true),
  key('saml:edupersonprimaryaffiliation', 'String'),
  key('saml:edupersonprimaryorgunitdn', 'String'),
  key('saml:edupersonprincipalname', 'String'),
  key('saml:edupersonscopedaffiliation', 'String', true),
  key('saml:edupersontargetedid', 'String', true),
  key('saml:givenName', 'String'),
  key('saml:iss', 'String'),
  key('saml:mail', 'String'),
  key('saml:name', 'String'),
  key('saml:namequalifier', 'String'),
  key('saml:organizationStatus', 'String'),
  key('saml:primaryGroupSID', 'String'),
  key('saml:sub', 'String'),
  key('saml:sub_type', 'String'),
  key('saml:surname', 'String'),
  key('saml:uid', 'String'),
  key('saml:x500UniqueIdentifier', 'String'),
];

export const TAG_KEY_PREFIXES: readonly ConditionKeyInfo[] = [
  key('aws:PrincipalTag/', 'String'),
  key('aws:RequestTag/', 'String'),
  key('aws:ResourceTag/', 'String'),
  key('iam:ResourceTag/', 'String'),
];

const BY_NAME: ReadonlyMap<string, ConditionKeyInfo> = new Map(
  GLOBAL_CONDITION_KEYS.map((k) => [k.name.toLowerCase(), k]),
);

/** Looks a condition key up, case-insensitively; tag keys resolve through their prefix. */
export function conditionKeyInfo(name: string): ConditionKeyInfo | undefined {
  const lower = name.toLowerCase();
  const exact = BY_NAME.get(lower);
  if (exact) return exact;
  for (const p of TAG_KEY_PREFIXES)
    if (lower.startsWith(p.name.toLowerCase()) && lower.length > p.name.length) return p;
  return undefined;
}
