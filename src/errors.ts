// AWS's error contract: one error class carrying the wire code, HTTP status and fault side.
// Everything a handler throws on purpose is an AwsError; anything else becomes ServiceFailure.
// A leaf: every layer may import it, and it imports nothing.

export type AwsErrorCode =
  | 'AccessDenied'
  | 'ConcurrentModification'
  | 'DeleteConflict'
  | 'EntityAlreadyExists'
  | 'EntityTemporarilyUnmodifiable'
  | 'ExpiredToken'
  | 'IncompleteSignature'
  | 'InvalidAction'
  | 'InvalidAuthenticationCode'
  | 'InvalidClientTokenId'
  | 'InvalidInput'
  | 'InvalidParameterValue'
  | 'InvalidUserType'
  | 'KeyPairMismatch'
  | 'LimitExceeded'
  | 'MalformedCertificate'
  | 'MalformedPolicyDocument'
  | 'MissingAuthenticationToken'
  | 'NoSuchEntity'
  | 'OptInRequired'
  | 'PasswordPolicyViolation'
  | 'PolicyEvaluation'
  | 'PolicyNotAttachable'
  | 'ReportExpired'
  | 'ReportGenerationLimitExceeded'
  | 'ReportInProgress'
  | 'ReportNotPresent'
  | 'RequestTimeTooSkewed'
  | 'ServiceFailure'
  | 'ServiceUnavailable'
  | 'SignatureDoesNotMatch'
  | 'UnmodifiableEntity'
  | 'UnrecognizedPublicKeyEncoding'
  // SSH public keys and signing certificates
  | 'InvalidPublicKey'
  | 'DuplicateSSHPublicKey'
  | 'DuplicateCertificate'
  | 'InvalidCertificate'
  // service-specific credentials
  | 'NotSupportedService'
  | 'ValidationError'
  | 'PackedPolicyTooLarge'
  | 'RegionDisabledException'
  | 'ExpiredTradeInTokenException'
  | 'IDPRejectedClaim'
  | 'IDPCommunicationError'
  | 'InvalidIdentityToken'
  | 'InvalidAuthorizationMessageException'
  | 'ExpiredTokenException'
  | 'Throttling'
  | 'MethodNotAllowed'
  // the JSON 1.1 protocol's own
  | 'UnknownOperationException'
  | 'SerializationException'
  // CloudTrail
  | 'InvalidLookupAttributesException'
  | 'InvalidTimeRangeException'
  | 'InvalidMaxResultsException'
  | 'InvalidNextTokenException'
  | 'InvalidEventCategoryException'
  // Access Analyzer
  | 'InvalidParameterException'
  // Organizations
  | 'AWSOrganizationsNotInUseException'
  | 'AccessDeniedForDependencyException'
  | 'AccountAlreadyClosedException'
  | 'AccountAlreadyRegisteredException'
  | 'AccountNotFoundException'
  | 'AccountNotRegisteredException'
  | 'AlreadyInOrganizationException'
  | 'ChildNotFoundException'
  | 'ConcurrentModificationException'
  | 'ConstraintViolationException'
  | 'CreateAccountStatusNotFoundException'
  | 'DestinationParentNotFoundException'
  | 'DuplicateAccountException'
  | 'DuplicateHandshakeException'
  | 'DuplicateOrganizationalUnitException'
  | 'DuplicatePolicyAttachmentException'
  | 'DuplicatePolicyException'
  | 'EffectivePolicyNotFoundException'
  | 'HandshakeAlreadyInStateException'
  | 'HandshakeConstraintViolationException'
  | 'HandshakeNotFoundException'
  | 'InvalidHandshakeTransitionException'
  | 'InvalidInputException'
  | 'MalformedPolicyDocumentException'
  | 'MasterCannotLeaveOrganizationException'
  | 'OrganizationNotEmptyException'
  | 'OrganizationalUnitNotEmptyException'
  | 'OrganizationalUnitNotFoundException'
  | 'ParentNotFoundException'
  | 'PolicyInUseException'
  | 'PolicyNotAttachedException'
  | 'PolicyNotFoundException'
  | 'PolicyTypeAlreadyEnabledException'
  | 'PolicyTypeNotAvailableForOrganizationException'
  | 'PolicyTypeNotEnabledException'
  | 'ResourcePolicyNotFoundException'
  | 'RootNotFoundException'
  | 'SourceParentNotFoundException'
  | 'TargetNotFoundException'
  | 'UnsupportedAPIEndpointException'
  // IAM's centralized root access (all HTTP 400 in AWS's model)
  | 'AccountNotManagementOrDelegatedAdministratorException'
  | 'CallerIsNotManagementAccountException'
  | 'OrganizationNotFoundException'
  | 'OrganizationNotInAllFeaturesModeException'
  | 'ServiceAccessNotEnabledException'
  // outbound web identity federation (IAM's switch, STS's GetWebIdentityToken)
  | 'FeatureEnabled'
  | 'FeatureDisabled'
  | 'OutboundWebIdentityFederationDisabledException'
  | 'SessionDurationEscalationException'
  | 'JWTPayloadSizeExceededException'
  // IAM Access Analyzer (statuses from its model)
  | 'ConflictException'
  | 'ResourceNotFoundException'
  | 'ServiceQuotaExceededException'
  // IAM Identity Center (SSO Admin, Identity Store: HTTP 400 in AWS's models)
  | 'ValidationException'
  // SSO OIDC and the SSO portal (statuses from their models; OIDC bodies carry `error`)
  | 'AuthorizationPendingException'
  | 'SlowDownException'
  | 'InvalidClientException'
  | 'InvalidGrantException'
  | 'InvalidRequestException'
  | 'InvalidScopeException'
  | 'UnsupportedGrantTypeException'
  | 'InvalidRedirectUriException'
  | 'UnauthorizedException'
  | 'TooManyRequestsException';

const STATUS: Partial<Record<AwsErrorCode, number>> = {
  AccessDenied: 403,
  MethodNotAllowed: 405,
  ConcurrentModification: 409,
  DeleteConflict: 409,
  DuplicateCertificate: 409,
  EntityAlreadyExists: 409,
  EntityTemporarilyUnmodifiable: 409,
  ExpiredToken: 400,
  IncompleteSignature: 400,
  InvalidClientTokenId: 403,
  LimitExceeded: 409,
  MissingAuthenticationToken: 403,
  NoSuchEntity: 404,
  NotSupportedService: 404,
  ServiceFailure: 500,
  ServiceUnavailable: 503,
  SignatureDoesNotMatch: 403,
  RequestTimeTooSkewed: 403,
  ReportExpired: 410,
  ReportInProgress: 404,
  ReportNotPresent: 410,
  OptInRequired: 403,
  RegionDisabledException: 403,
  IDPCommunicationError: 400,
  IDPRejectedClaim: 403,
};

export class AwsError extends Error {
  override readonly name = 'AwsError';
  readonly code: AwsErrorCode;
  readonly status: number;
  readonly fault: 'Sender' | 'Receiver';
  /** Members the error's shape carries beside its message (Organizations' `Reason`). */
  readonly fields: Readonly<Record<string, string>> | undefined;

  constructor(
    code: AwsErrorCode,
    message: string,
    options?: { status?: number; cause?: unknown; fields?: Record<string, string> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options?.status ?? STATUS[code] ?? 400;
    this.fault = this.status >= 500 ? 'Receiver' : 'Sender';
    this.fields = options?.fields;
  }
}

/** The shorthand constructors handlers use most. */
export const noSuchEntity = (message: string) => new AwsError('NoSuchEntity', message);
export const alreadyExists = (message: string) => new AwsError('EntityAlreadyExists', message);
export const limitExceeded = (message: string) => new AwsError('LimitExceeded', message);
export const deleteConflict = (message: string) => new AwsError('DeleteConflict', message);
export const invalidInput = (message: string) => new AwsError('InvalidInput', message);
export const malformedPolicy = (message: string) => new AwsError('MalformedPolicyDocument', message);
export const unmodifiable = (message: string) => new AwsError('UnmodifiableEntity', message);
export const validationError = (message: string) => new AwsError('ValidationError', message);
