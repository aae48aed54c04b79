// Owns the data and the requests of the cluster load benchmark (bench/cluster-load.ts): 5,000 users, a
// role one of them may assume, a second user allowed tessera:Authorize, made through the AWS SDK as
// bench/run.ts makes them; then the four fixed requests to send, each with a check of its reply.
import { CreateUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  CALLER,
  REGION,
  SERVICE_USER,
  TEMPORARY_SESSION,
  assumeSession,
  keyFor,
  policy,
  roleSessionArn,
  setUpRole,
} from './bench-principals.ts';
import { queryTemplate, type RequestTemplate } from './cluster-load-request.ts';
import { runLoad } from './load.ts';
import { sdkClients } from './sdk-clients.ts';
import { BENCH_ROOT } from './servers.ts';
import type { SigningCredentials } from './signed-json.ts';

export type OperationId = 'gci' | 'gcisession' | 'listusers' | 'assumerole' | 'authorize';

export const OPERATIONS: Record<OperationId, string> = {
  gci: 'STS GetCallerIdentity',
  gcisession: 'STS GetCallerIdentity, temporary credentials',
  listusers: 'IAM ListUsers, MaxItems 100',
  assumerole: 'STS AssumeRole (by an IAM user)',
  authorize: 'POST /_tessera/authorize (principalArn question)',
};

/** One request to send again and again, and what a right reply to it looks like. */
export interface Operation {
  template: RequestTemplate;
  /** Why a reply is wrong, or undefined when it is right. */
  check(status: number, body: string): string | undefined;
}

const CREATE_CONCURRENCY = 16;

function sdk(url: string, credentials: SigningCredentials = BENCH_ROOT) {
  return sdkClients(url, credentials, CREATE_CONCURRENCY);
}

const count = (body: string, tag: string) => body.split(`<${tag}>`).length - 1;

function status200(status: number, body: string): string | undefined {
  return status === 200 ? undefined : `status ${status}: ${body.slice(0, 300)}`;
}

/** GetCallerIdentity by `credentials` (the root key unless said): the reply names `account`, and `arn` when given. */
export function callerIdentity(
  account: string,
  credentials: SigningCredentials = BENCH_ROOT,
  arn?: string,
): Operation {
  return {
    template: queryTemplate('sts', credentials, { Action: 'GetCallerIdentity', Version: '2011-06-15' }),
    check: (status, body) =>
      status200(status, body) ??
      (!body.includes(`<Account>${account}</Account>`)
        ? `no Account ${account}: ${body.slice(0, 300)}`
        : arn !== undefined && !body.includes(`<Arn>${arn}</Arn>`)
          ? `no Arn ${arn}: ${body.slice(0, 300)}`
          : undefined),
  };
}

/** What the SDK saw of a server once its data was made. */
export interface Fixture {
  account: string;
  /** Users in ListUsers' first page (MaxItems 100): 100, or every user where MaxItems is ignored. */
  pageSize: number;
  isTruncated: boolean;
  operations: Partial<Record<OperationId, Operation>>;
}

/** The account of the root key, asked through the SDK. */
export async function accountOf(url: string): Promise<string> {
  const { sts, close } = sdk(url);
  try {
    const account = (await sts.send(new GetCallerIdentityCommand({}))).Account;
    if (!account) throw new Error(`${url}: GetCallerIdentity gave no account`);
    return account;
  } finally {
    close();
  }
}

/** Makes the users, the role and the two keys on the server at `url`; `authorizeApi` for Tessera only. */
export async function makeFixture(
  url: string,
  opts: { users: number; authorizeApi: boolean },
): Promise<Fixture> {
  const account = await accountOf(url);
  const { iam, close } = sdk(url);
  try {
    const created = await runLoad(
      (i) => iam.send(new CreateUserCommand({ UserName: `bench-user-${String(i).padStart(5, '0')}` })),
      { concurrency: CREATE_CONCURRENCY, count: opts.users },
    );
    if (created.errors)
      throw new Error(`${url}: CreateUser failed ${created.errors} times: ${created.firstError}`);
    const firstPage = await iam.send(new ListUsersCommand({ MaxItems: 100 }));
    const pageSize = firstPage.Users?.length ?? 0;

    const { roleArn, caller } = await setUpRole(iam, account);
    const callerClients = sdk(url, caller);
    const session = await assumeSession(callerClients.sts, roleArn, TEMPORARY_SESSION).finally(
      callerClients.close,
    );

    const operations: Partial<Record<OperationId, Operation>> = {
      gci: callerIdentity(account),
      gcisession: callerIdentity(account, session, roleSessionArn(account)),
      listusers: {
        template: queryTemplate('iam', BENCH_ROOT, {
          Action: 'ListUsers',
          Version: '2010-05-08',
          MaxItems: '100',
        }),
        check: (status, body) =>
          status200(status, body) ??
          (count(body, 'UserName') === pageSize
            ? undefined
            : `${count(body, 'UserName')} users instead of ${pageSize}: ${body.slice(0, 300)}`),
      },
      assumerole: {
        // one session name for every call: the request is fixed (AWS and Tessera allow a name again)
        template: queryTemplate('sts', caller, {
          Action: 'AssumeRole',
          Version: '2011-06-15',
          RoleArn: roleArn,
          RoleSessionName: 'bench-session',
        }),
        check: (status, body) =>
          status200(status, body) ??
          (/<Credentials>[\s\S]*<AccessKeyId>ASIA\w+<\/AccessKeyId>[\s\S]*<SessionToken>[^<]+<\/SessionToken>/.test(
            body,
          )
            ? undefined
            : `no Credentials: ${body.slice(0, 300)}`),
      },
    };

    if (opts.authorizeApi) {
      const service = await keyFor(
        iam,
        SERVICE_USER,
        policy([{ Effect: 'Allow', Action: 'tessera:Authorize', Resource: '*' }]),
      );
      const question = {
        principalArn: `arn:aws:iam::${account}:user/${CALLER}`,
        action: 'notes:GetNote',
        resource: `arn:aws:notes:${REGION}:${account}:note/bench`,
        context: { 'aws:SourceIp': '10.1.2.3' },
      };
      operations.authorize = {
        template: {
          service: 'tessera',
          region: REGION,
          credentials: service,
          path: '/_tessera/authorize',
          contentType: 'application/json',
          body: JSON.stringify(question),
        },
        check(status, body) {
          const bad = status200(status, body);
          if (bad) return bad;
          try {
            const decision = (JSON.parse(body) as { decision?: unknown }).decision;
            return decision === 'Allow' ? undefined : `decision ${String(decision)}: ${body.slice(0, 300)}`;
          } catch {
            return `not JSON: ${body.slice(0, 300)}`;
          }
        },
      };
    }
    return { account, pageSize, isTruncated: firstPage.IsTruncated ?? false, operations };
  } finally {
    close();
  }
}
