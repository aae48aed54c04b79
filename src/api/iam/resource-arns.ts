// The resource ARNs IAM actions are authorized on, built from request input.
import type { ActionContext } from '../action.ts';
import { iamArn, type IamResourceType } from '../../domain/index.ts';

export const arnOf =
  (type: IamResourceType) =>
  (ctx: ActionContext, name: string | undefined, path = '/'): string =>
    iamArn(ctx.accountId, type, path, name ?? '*');

export const userArn = arnOf('user');
export const groupArn = arnOf('group');
export const roleArn = arnOf('role');
export const instanceProfileArn = arnOf('instance-profile');
export const serverCertificateArn = arnOf('server-certificate');
/** For account-wide actions (aliases, password policy, summaries): AWS names "*". */
export const ACCOUNT_WIDE = '*';

/**
 * The resource AWS authorizes List actions on: the type's ARN up to the path prefix, e.g.
 * arn:aws:iam::123456789012:user/ for ListUsers (as AccessDenied messages show it).
 */
export const listArnOf =
  (type: IamResourceType) =>
  (ctx: ActionContext, pathPrefix = '/'): string =>
    iamArn(ctx.accountId, type, pathPrefix, '');
