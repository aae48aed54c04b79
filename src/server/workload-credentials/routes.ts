// The HTTP side of workload credentials on the main port:
//  - GET /_tessera/container-credentials/<instance-id>: the container-credentials endpoint for
//    AWS_CONTAINER_CREDENTIALS_FULL_URI, authorized by the instance's secret sent as the
//    Authorization header (AWS_CONTAINER_AUTHORIZATION_TOKEN); answers ECS's JSON
//    {AccessKeyId, SecretAccessKey, Token, Expiration, RoleArn}. Loopback callers only.
//  - GET /_tessera/container-credentials/<instance-id>/metadata: what an IMDS endpoint needs to
//    serve iam/info and the role listing, with the same authorization.
//  - /_tessera/instances (GET list, POST run) and /_tessera/instances/<name-or-id> (DELETE): the
//    instances API, JSON, SigV4-authenticated; running an instance needs ec2:RunInstances and
//    iam:PassRole on the profile's role with iam:PassedToService=ec2.amazonaws.com, as on EC2.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Services } from '../../api/index.ts';
import type { Authenticator } from '../../authn/index.ts';
import type { RequestFacts } from '../../authz/index.ts';
import {
  listInstances,
  getInstance,
  runInstance,
  terminateInstance,
  viewOf,
  getInstanceProfileRow,
} from '../../domain/index.ts';
import { AwsError } from '../../errors.ts';
import { readBody } from '../read-body.ts';
import { clientAddress, secureTransport } from '../client-address.ts';
import { instanceShape } from './instance-shape.ts';
import { awsTime, EC2_SERVICE_PRINCIPAL, instanceCredentials } from './instance-credentials.ts';

export interface WorkloadRouteDeps {
  services: Services;
  authenticator: Authenticator;
}

export const CONTAINER_CREDENTIALS_PREFIX = '/_tessera/container-credentials/';
const INSTANCES_PATH = '/_tessera/instances';
const MAX_BODY = 64 * 1024;

/** Serves the request when it is one of the workload-credentials routes; false otherwise. */
export async function handleWorkloadRoute(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  deps: WorkloadRouteDeps,
): Promise<boolean> {
  if (path.startsWith(CONTAINER_CREDENTIALS_PREFIX)) {
    await containerCredentials(req, res, path.slice(CONTAINER_CREDENTIALS_PREFIX.length), deps.services);
    return true;
  }
  if (path === INSTANCES_PATH || path.startsWith(INSTANCES_PATH + '/')) {
    await instancesApi(req, res, path, deps);
    return true;
  }
  return false;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      'cache-control': 'no-store',
    })
    .end(text);
}

const isLoopback = (addr: string | undefined) =>
  addr !== undefined && (/^(::ffff:)?127\./.test(addr) || addr === '::1');

async function containerCredentials(
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
  services: Services,
): Promise<void> {
  const [instanceId, what, ...extra] = rest.split('/');
  if (req.method !== 'GET' || !instanceId || extra.length || (what !== undefined && what !== 'metadata'))
    return json(res, 404, { Code: 'NotFound', Message: 'No such container-credentials resource.' });
  // the peer and, behind a trusted proxy, the client it names: a local proxy does not open it to others
  if (!isLoopback(req.socket.remoteAddress) || !isLoopback(clientAddress(req)))
    return json(res, 403, {
      Code: 'AccessDenied',
      Message: 'The container-credentials endpoint answers loopback callers only.',
    });
  const token = req.headers.authorization;
  const unauthorized = () =>
    json(res, 401, {
      Code: 'Unauthorized',
      Message: 'The authorization token is missing or does not match the instance.',
    });
  if (!token) return unauthorized();
  const creds = instanceCredentials(services);
  if (what === 'metadata') {
    const view = await creds.authenticate(instanceId, token);
    if (!view) return unauthorized();
    return json(res, 200, {
      InstanceId: view.instance.instance_id,
      InstanceProfileArn: view.profile?.arn ?? null,
      InstanceProfileId: view.instance.instance_profile_id,
      RoleName: view.role?.role_name ?? null,
    });
  }
  const r = await creds.forInstance(instanceId, token);
  switch (r.kind) {
    case 'unauthorized':
      return unauthorized();
    case 'no-role':
      return json(res, 404, {
        Code: 'NoSuchEntity',
        Message: r.view.profile
          ? `Instance profile ${r.view.profile.name} holds no role.`
          : `The instance profile of instance ${instanceId} no longer exists.`,
      });
    case 'untrusted':
      return json(res, 403, {
        Code: 'AssumeRoleUnauthorizedAccess',
        Message: `EC2 cannot assume the role ${r.view.role.role_name}: its trust policy does not allow ${EC2_SERVICE_PRINCIPAL}.`,
      });
    case 'ok':
      return json(res, 200, {
        AccessKeyId: r.credentials.AccessKeyId,
        SecretAccessKey: r.credentials.SecretAccessKey,
        Token: r.credentials.SessionToken,
        Expiration: awsTime(r.credentials.Expiration),
        RoleArn: r.view.role.arn,
      });
  }
}

async function instancesApi(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  { services, authenticator }: WorkloadRouteDeps,
): Promise<void> {
  try {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const query = q < 0 ? '' : url.slice(q + 1);
    const body = await readBody(req, MAX_BODY);
    const now = services.clock.now();
    const { principal, signature } = await authenticator.authenticate(
      { method: req.method ?? 'GET', path, query, headers: req.headersDistinct, body },
      now,
    );
    const sourceIp = clientAddress(req);
    const request: RequestFacts = {
      now,
      sourceIp,
      secureTransport: secureTransport(req),
      region: signature.region,
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
    };
    const allow = (action: string, resource: string, keys?: Record<string, string>) =>
      services.authorizer.authorize({ principal, action, resource, request, ...(keys ? { keys } : {}) });
    const accountId = principal.accountId;
    const instanceArn = (id: string) => `arn:aws:ec2:${signature.region}:${accountId}:instance/${id}`;
    const name = decodeURIComponent(path.slice(INSTANCES_PATH.length + 1));

    if (path === INSTANCES_PATH && req.method === 'GET') {
      await allow('ec2:DescribeInstances', '*');
      const views = await services.store.read((r) => listInstances(r, accountId));
      return json(res, 200, { Instances: views.map(instanceShape) });
    }
    if (path === INSTANCES_PATH && req.method === 'POST') {
      const input = parseRunInput(body);
      await authorizeRun(services, accountId, input.InstanceProfileName, instanceArn('*'), allow);
      const { view, secret } = await services.store.write(accountId, (r) =>
        runInstance(r, accountId, { name: input.Name, profileName: input.InstanceProfileName }, now),
      );
      return json(res, 200, {
        Instance: instanceShape(view),
        AuthorizationToken: secret,
        ContainerCredentialsPath: CONTAINER_CREDENTIALS_PREFIX + view.instance.instance_id,
      });
    }
    if (path !== INSTANCES_PATH && name && !name.includes('/') && req.method === 'DELETE') {
      const found = await services.store.read(async (r) => viewOf(r, await getInstance(r, accountId, name)));
      await allow('ec2:TerminateInstances', instanceArn(found.instance.instance_id));
      const row = await services.store.write(accountId, (r) => terminateInstance(r, accountId, name));
      return json(res, 200, { TerminatingInstance: { InstanceId: row.instance_id, Name: row.name } });
    }
    return json(res, 404, { Error: { Code: 'NotFound', Message: `No route ${req.method} ${path}.` } });
  } catch (err) {
    if (err instanceof AwsError)
      return json(res, err.status, { Error: { Code: err.code, Message: err.message } });
    throw err;
  }
}

interface RunInput {
  Name: string;
  InstanceProfileName: string;
}

function parseRunInput(body: Buffer): RunInput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('ValidationError', 'The request body must be a JSON object.');
  }
  const o = (parsed ?? {}) as Record<string, unknown>;
  if (typeof o.Name !== 'string' || typeof o.InstanceProfileName !== 'string')
    throw new AwsError('ValidationError', 'Name and InstanceProfileName are required strings.');
  return { Name: o.Name, InstanceProfileName: o.InstanceProfileName };
}

/** ec2:RunInstances, and iam:PassRole of the profile's role to EC2 when the profile holds one. */
async function authorizeRun(
  services: Services,
  accountId: string,
  profileName: string,
  resource: string,
  allow: (action: string, resource: string, keys?: Record<string, string>) => Promise<void>,
): Promise<void> {
  await allow('ec2:RunInstances', resource);
  const roleArn = await services.store.read(async (r) => {
    const profile = await getInstanceProfileRow(r, accountId, profileName);
    const roles = await r.instanceProfiles.rolesOf([profile.instance_profile_id]);
    return roles.get(profile.instance_profile_id)?.[0]?.arn;
  });
  if (roleArn) await allow('iam:PassRole', roleArn, { 'iam:PassedToService': EC2_SERVICE_PRINCIPAL });
}
