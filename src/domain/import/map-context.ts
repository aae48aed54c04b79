// What mapping a dump needs at every step: the accounts involved, and naming places in the dump.
import { iamArn, type IamResourceType } from '../arns.ts';
import { dumpPath, ImportError } from './import-error.ts';

export interface MapContext {
  /** The AWS account the dump's ARNs name. */
  dumpAccountId: string;
  /** The Tessera account it goes into. */
  accountId: string;
  /** The dump as parsed JSON. */
  raw: unknown;
}

/** `UserDetailList[3] (alice)` and the like. */
export const at = (ctx: MapContext, ...path: PropertyKey[]): string => dumpPath(ctx.raw, path);

/** The partition and account of an IAM ARN, or undefined when it is not one. */
export function arnAccount(arn: string): { partition: string; account: string } | undefined {
  const m = /^arn:([^:]+):iam::([^:]*):/.exec(arn);
  return m ? { partition: m[1]!, account: m[2]! } : undefined;
}

/**
 * Checks that an entity's ARN is the one its path and name give in the dump's account (AWS's own
 * rule), and returns its ARN in the account it is imported into.
 */
export function entityArn(
  ctx: MapContext,
  where: string,
  given: string,
  type: IamResourceType,
  path: string,
  name: string,
  owner: string = ctx.dumpAccountId,
): string {
  const expected = iamArn(owner, type, path, name);
  if (given !== expected) {
    const partition = arnAccount(given)?.partition;
    throw new ImportError(
      `${where}.Arn`,
      partition && partition !== 'aws'
        ? `is in the ${partition} partition; Tessera models the aws partition only`
        : `is ${given}, but its Path and name make ${expected}`,
    );
  }
  return owner === ctx.dumpAccountId ? iamArn(ctx.accountId, type, path, name) : given;
}
