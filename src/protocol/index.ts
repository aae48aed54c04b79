// The protocol layer's public face: AWS's models, the Query and JSON 1.1 codecs, CloudTrail's element encoding, paging.
export { requestParametersOf, responseElementsOf } from './event-elements.ts';
export { jsonError, jsonErrorName, jsonOutput, operationOfTarget, readJsonInput } from './json-protocol.ts';
export { readRestJsonInput, restJsonError, restJsonErrorStatus, routeOf } from './rest-json.ts';
export type { CloudTrailOperations, Event } from './models/cloudtrail-types.ts';
export type {
  AccessDetail,
  AccessKeyLastUsed,
  AccessKeyMetadata,
  AttachedPermissionsBoundary,
  AttachedPolicy,
  ContextEntry,
  EvaluationResult,
  GetSAMLProviderResponse,
  GetServiceLinkedRoleDeletionStatusRequest,
  GetUserResponse,
  Group,
  GroupDetail,
  IamOperationName,
  IamOperations,
  InstanceProfile,
  LoginProfile,
  MFADevice,
  ManagedPolicyDetail,
  PasswordPolicy,
  Policy,
  PolicyDetail,
  PolicyGrantingServiceAccess,
  PolicyVersion,
  Role,
  RoleDetail,
  RoleLastUsed,
  SAMLProviderListEntry,
  ServiceLastAccessed,
  Statement,
  User,
  UserDetail,
  VirtualMFADevice,
} from './models/iam-types.ts';
export type { SigningCertificate, SSHPublicKey, SSHPublicKeyMetadata } from './models/iam-types.ts';
export type { ServerCertificate, ServerCertificateMetadata } from './models/iam-types.ts';
export type { ServiceSpecificCredential, ServiceSpecificCredentialMetadata } from './models/iam-types.ts';
export type { PolicyDescriptorType, StsOperations } from './models/sts-types.ts';
export type * as Org from './models/organizations-types.ts';
export type { OrganizationsOperations } from './models/organizations-types.ts';
export type * as Analyzer from './models/accessanalyzer-types.ts';
export type { AccessAnalyzerOperations } from './models/accessanalyzer-types.ts';
export type * as IdStore from './models/identitystore-types.ts';
export type { IdentityStoreOperations } from './models/identitystore-types.ts';
export type * as SsoAdmin from './models/sso-admin-types.ts';
export type { SsoAdminOperations } from './models/sso-admin-types.ts';
export type * as SsoOidc from './models/sso-oidc-types.ts';
export type { SsoOidcOperations } from './models/sso-oidc-types.ts';
export type * as SsoPortal from './models/sso-types.ts';
export type { SsoPortalOperations } from './models/sso-types.ts';
export { DEFAULT_MAX_ITEMS, decodeMarker, encodeMarker, offsetPage, toPage } from './pagination.ts';
export type { OffsetPaging, Page } from './pagination.ts';
export { readQueryInput, validateInput } from './query-decode.ts';
export { errorXml, successXml } from './query-response.ts';
export { serviceModel, xmlNamespaceOf } from './service-model.ts';
export type { JsonServiceName, QueryServiceName, RestJsonServiceName, ServiceName } from './service-model.ts';
export { ACTION_PREFIXES, SIGNING_NAMES } from './service-model.ts';
