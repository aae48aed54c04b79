// What some temporary credentials may not call at all, whatever their policies say (AWS's
// "Comparing the AWS STS credentials" rules): GetSessionToken sessions reach IAM only with MFA and
// STS only for AssumeRole and GetCallerIdentity; GetFederationToken sessions reach no IAM action
// and only GetCallerIdentity of STS. AssumeRoot sessions are not GetSessionToken's: their task policy
// alone says what they may do. Delegated sessions (GetDelegatedAccessToken) are neither: the request's
// policy, a session policy, says what they may do.
import { AwsError } from '../errors.ts';
import type { Principal } from '../domain/index.ts';

const USER_SESSION_STS = new Set(['AssumeRole', 'GetCallerIdentity']);
const FEDERATED_STS = new Set(['GetCallerIdentity']);

const invalidToken = () =>
  new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid', {
    status: 403,
  });

export function refuseForSession(service: string, actionName: string, principal: Principal): void {
  const session = principal.session;
  if (!session || session.delegationRequestId !== undefined || session.console === true) return;
  const assumedRoot = session.kind === 'root-session' && session.assumedRoot !== undefined;
  if ((session.kind === 'user-session' || session.kind === 'root-session') && !assumedRoot) {
    if (service === 'iam' && session.mfaAuthenticatedAt === undefined) throw invalidToken();
    if (service === 'sts' && !USER_SESSION_STS.has(actionName) && actionName !== 'GetSessionToken')
      throw new AwsError('AccessDenied', `Cannot call ${actionName} with session credentials`);
  }
  if (session.kind === 'federated-user') {
    if (service === 'iam') throw invalidToken();
    if (service === 'sts' && !FEDERATED_STS.has(actionName) && actionName !== 'GetFederationToken')
      throw new AwsError('AccessDenied', `Cannot call ${actionName} with session credentials`);
  }
}
