// SigV4 verification failures: the AWS error codes, HTTP statuses and message texts that IAM and
// STS answer with when a request's signature is missing, malformed, stale or wrong.
// Same shape as protocol/'s AwsError (code, status, fault), which this layer must not import.

export type SigV4ErrorCode =
  'MissingAuthenticationToken' | 'IncompleteSignature' | 'InvalidClientTokenId' | 'SignatureDoesNotMatch';

const STATUS: Record<SigV4ErrorCode, number> = {
  MissingAuthenticationToken: 403,
  IncompleteSignature: 400,
  InvalidClientTokenId: 403,
  SignatureDoesNotMatch: 403,
};

export class SigV4Error extends Error {
  override readonly name = 'SigV4Error';
  readonly code: SigV4ErrorCode;
  readonly status: number;
  readonly fault = 'Sender' as const;

  constructor(code: SigV4ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = STATUS[code];
  }
}

/** AWS's texts, verbatim: SDKs, the CLI and people match on them. */
export const messages = {
  missingAuthenticationToken: 'Request is missing Authentication Token',
  invalidClientTokenId: 'The security token included in the request is invalid.',
  signatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. ' +
    'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  hostMustBeSigned: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
  unsupportedAlgorithm: (algorithm: string) => `Unsupported AWS 'algorithm': '${algorithm}'.`,
  notKeyValuePair: (pair: string, header: string) =>
    `'${pair}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'`,
  headerRequiresCredential: "Authorization header requires 'Credential' parameter.",
  headerRequiresSignature: "Authorization header requires 'Signature' parameter.",
  headerRequiresSignedHeaders: "Authorization header requires 'SignedHeaders' parameter.",
  headerRequiresDate: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  queryRequires: (param: string) => `AWS query-string parameters must include '${param}'.`,
  reexamineQuery: 'Re-examine the query-string parameters.',
  expiresNotNumber: 'X-Amz-Expires should be a number',
  expiresNegative: 'X-Amz-Expires must be non-negative',
  expiresTooLong: 'X-Amz-Expires must be less than a week (in seconds) that is 604800',
  dateNotIso8601: (value: string) =>
    `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  credentialParts: (credential: string) =>
    'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term,' +
    ` got '${credential}'`,
  signatureExpired: (signed: string, limit: string, now: string, window: string) =>
    `Signature expired: ${signed} is now earlier than ${limit} (${now} - ${window}.)`,
  signatureNotYetCurrent: (signed: string, limit: string, now: string, window: string) =>
    `Signature not yet current: ${signed} is still later than ${limit} (${now} + ${window}.)`,
  scopeRegion: (region: string) => `Credential should be scoped to a valid region, not '${region}'.`,
  scopeService: (service: string) => `Credential should be scoped to correct service: '${service}'.`,
  scopeTerminator: (terminator: string) =>
    `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`,
  scopeDate: (scopeDate: string, requestDate: string, amzDate: string) =>
    'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ' +
    `'${scopeDate}' != '${requestDate}', from '${amzDate}'.`,
} as const;
