// GET /console/api/graph: who can reach admin (or a role) in the session's account — the escalation
// graph's SVG and its paths as `tessera graph --format json` gives them. The graph is drawn from what
// iam:GetAccountAuthorizationDetails reveals, so that action is first run as the session, through the
// same pipeline as any console call (authorized, audited): a session that may not call it gets its
// AWS error instead of the graph.
import type { IncomingMessage } from 'node:http';
import {
  ADMIN,
  buildEscalationGraph,
  type EscalationGraph,
  findPaths,
  formatGraphReport,
} from '../../analysis/index.ts';
import type { Services } from '../../api/index.ts';
import type { Authenticator } from '../../authn/index.ts';
import type { ConsoleSessionRow } from '../../store/index.ts';
import { consoleCall } from './console-call.ts';
import { openCredentials, openRole } from './console-sessions.ts';
import { ConsoleError } from './console-errors.ts';

export interface GraphAnswer {
  accountId: string;
  /** "admin", or the ARN of the role asked about. */
  target: string;
  svg: string;
  /** The JSON report's paths: from, to, length, steps (kind, summary, permissions and statements). */
  paths: unknown[];
}

export async function consoleGraph(
  req: IncomingMessage,
  row: ConsoleSessionRow,
  deps: { services: Services; authenticator: Authenticator },
): Promise<GraphAnswer> {
  const { services } = deps;
  const accountId = await authorize(req, row, deps);
  const graph = await buildEscalationGraph(
    { store: services.store, authorizer: services.authorizer },
    { accountId, now: services.clock.now(), region: services.config.region },
  );
  const target = targetOf(graph, new URL(req.url ?? '/', 'http://console').searchParams.get('target'));
  const report = { graph, target, paths: findPaths(graph, target) };
  const { paths } = JSON.parse(formatGraphReport('json', report)) as { paths: unknown[] };
  return { accountId, target, svg: formatGraphReport('svg', report), paths };
}

/** Runs GetAccountAuthorizationDetails as the session; the account it answered for, or its error. */
async function authorize(
  req: IncomingMessage,
  row: ConsoleSessionRow,
  deps: { services: Services; authenticator: Authenticator },
): Promise<string> {
  const credentials = row.role_sealed
    ? openRole(deps.services, row.role_sealed).credentials
    : openCredentials(deps.services, row.credentials_sealed!);
  // one item: only the decision matters, and the audit event records the call as any other
  const input = { MaxItems: 1 };
  const reply = await consoleCall(
    req,
    { service: 'iam', action: 'GetAccountAuthorizationDetails', input },
    credentials,
    deps,
  );
  if (reply.status !== 200 || reply.record.accountId === undefined) {
    const { code, message } = (reply.body as { error: { code: string; message: string } }).error;
    throw new ConsoleError(reply.status, code, message);
  }
  return reply.record.accountId;
}

/** "admin" (also when not given), or a role of the graph by ARN, or by name in the graph's account. */
function targetOf(graph: EscalationGraph, text: string | null): string {
  if (text === null || text === '' || text === ADMIN) return ADMIN;
  const node = graph.nodes.get(text);
  if (node?.kind === 'role') return node.id;
  const named = graph.principals.find(
    (p) => p.kind === 'role' && p.accountId === graph.accountId && p.name === text,
  );
  if (named) return named.id;
  throw new ConsoleError(
    400,
    'InvalidInput',
    `No role ${text} in account ${graph.accountId}: give "admin", or a role's name or ARN.`,
  );
}
