// The CloudTrail record Tessera writes for every request that reaches authorization: the fields and
// their meaning as CloudTrail documents them (record contents, userIdentity element), eventVersion 1.11.

/** The version of the record format, as CloudTrail writes it today. */
export const EVENT_VERSION = '1.11';

/** Who made a request, as CloudTrail's userIdentity element names it. */
export interface UserIdentity {
  type:
    | 'Root'
    | 'IAMUser'
    | 'AssumedRole'
    | 'FederatedUser'
    | 'WebIdentityUser'
    | 'SAMLUser'
    | 'AWSService'
    | 'AWSAccount'
    | 'Unknown';
  principalId?: string;
  arn?: string;
  accountId?: string;
  accessKeyId?: string;
  userName?: string;
  /** For WebIdentityUser and SAMLUser: the provider the token or assertion came from. */
  identityProvider?: string;
  /** For AWSService (and calls a service makes for a principal): the service's name. */
  invokedBy?: string;
  sessionContext?: SessionContext;
  /** For an Identity Center user: who in which identity store. */
  onBehalfOf?: { userId: string; identityStoreArn: string };
}

export interface SessionContext {
  sessionIssuer?: {
    type: 'Role' | 'IAMUser' | 'Root';
    principalId: string;
    arn: string;
    accountId: string;
    userName?: string;
  };
  webIdFederationData?: { federatedProvider?: string; attributes?: Record<string, string> };
  attributes: { creationDate: string; mfaAuthenticated: 'true' | 'false' };
  sourceIdentity?: string;
}

export interface TlsDetails {
  tlsVersion: string;
  cipherSuite: string;
  clientProvidedHostHeader?: string;
}

/** A resource a request named, as LookupEvents lists it (ResourceType / ResourceName). */
export interface EventResource {
  /** The CloudFormation-style type, e.g. `AWS::IAM::User`. */
  type: string;
  /** The ARN, or the name where the event names only that. */
  ARN: string;
  accountId?: string;
}

/** What kind of event it is: an API call, or a sign-in to the console. */
export type EventType = 'AwsApiCall' | 'AwsConsoleSignIn';

export interface CloudTrailEvent {
  eventVersion: string;
  userIdentity: UserIdentity;
  eventTime: string;
  eventSource: string;
  eventName: string;
  awsRegion: string;
  sourceIPAddress: string;
  userAgent?: string;
  errorCode?: string;
  errorMessage?: string;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  additionalEventData?: Record<string, unknown>;
  requestID: string;
  eventID: string;
  readOnly: boolean;
  resources?: EventResource[];
  eventType: EventType;
  managementEvent: boolean;
  recipientAccountId: string;
  /** Set on both copies of a cross-account event (AssumeRole of another account's role). */
  sharedEventID?: string;
  eventCategory: 'Management';
  tlsDetails?: TlsDetails;
}

/** Event sources: AWS's for IAM and STS, Tessera's own for what AWS has no API call for. */
export const EVENT_SOURCES = {
  iam: 'iam.amazonaws.com',
  sts: 'sts.amazonaws.com',
  cloudtrail: 'cloudtrail.amazonaws.com',
  organizations: 'organizations.amazonaws.com',
  accessanalyzer: 'access-analyzer.amazonaws.com',
  identitystore: 'identitystore.amazonaws.com',
  'sso-admin': 'sso.amazonaws.com',
  'sso-oidc': 'sso-oauth.amazonaws.com',
  /** The SSO portal (GetRoleCredentials …), logged by AWS under IAM Identity Center's source. */
  sso: 'sso.amazonaws.com',
  /** Sign-in pages (Identity Center users' authentication, console sign-in). */
  signin: 'signin.amazonaws.com',
  /** `/_tessera/authorize` decisions made for other services. */
  authorize: 'authorize.tessera.internal',
  /** Credentials handed to workloads by the IMDS and container endpoints. */
  workloadCredentials: 'credentials.tessera.internal',
} as const;
