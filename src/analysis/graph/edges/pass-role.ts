// iam:PassRole edges: a principal passes a role to an AWS service that runs code, and runs that code,
// which then acts as the role. One row per service: the service principal the role must trust, and the
// run actions the caller needs beside iam:PassRole (with iam:PassedToService set to the service).
// Run actions are asked on a resource of any name (`function:*`), so a policy that allows only some
// names does not count: the caller cannot know those names are free.
import type { GraphRole } from '../account-principals.ts';
import { principalArnOf } from '../graph-engine.ts';
import type { GraphEdge, Permission } from '../graph-model.ts';
import { type EdgeFamily, mayAllowCache } from './edge-family.ts';

interface RunAction {
  action: string;
  /** The resource the action is asked on, in the caller's account and the graph's region. */
  resource: (accountId: string, region: string) => string;
}

interface CodeRunner {
  service: string;
  /** What the caller does to run code as the role. */
  run: readonly RunAction[];
  /** What it must do first when the role is in no instance profile (EC2 only). */
  withoutInstanceProfile?: readonly RunAction[];
}

const arn =
  (service: string, path: string) =>
  (accountId: string, region: string): string =>
    `arn:aws:${service}:${region}:${accountId}:${path}`;
const anyResource = () => '*';
const instanceProfiles = (accountId: string) => `arn:aws:iam::${accountId}:instance-profile/*`;

export const CODE_RUNNERS: readonly CodeRunner[] = [
  {
    service: 'ec2.amazonaws.com',
    run: [{ action: 'ec2:RunInstances', resource: arn('ec2', 'instance/*') }],
    withoutInstanceProfile: [
      { action: 'iam:CreateInstanceProfile', resource: instanceProfiles },
      { action: 'iam:AddRoleToInstanceProfile', resource: instanceProfiles },
    ],
  },
  {
    service: 'lambda.amazonaws.com',
    run: [
      { action: 'lambda:CreateFunction', resource: arn('lambda', 'function:*') },
      { action: 'lambda:InvokeFunction', resource: arn('lambda', 'function:*') },
    ],
  },
  {
    service: 'ecs-tasks.amazonaws.com',
    run: [
      { action: 'ecs:RegisterTaskDefinition', resource: anyResource },
      { action: 'ecs:RunTask', resource: arn('ecs', 'task-definition/*') },
    ],
  },
  {
    service: 'codebuild.amazonaws.com',
    run: [
      { action: 'codebuild:CreateProject', resource: arn('codebuild', 'project/*') },
      { action: 'codebuild:StartBuild', resource: arn('codebuild', 'project/*') },
    ],
  },
  {
    service: 'cloudformation.amazonaws.com',
    run: [{ action: 'cloudformation:CreateStack', resource: arn('cloudformation', 'stack/*') }],
  },
  {
    service: 'glue.amazonaws.com',
    run: [{ action: 'glue:CreateDevEndpoint', resource: arn('glue', 'devEndpoint/*') }],
  },
  {
    service: 'sagemaker.amazonaws.com',
    run: [
      { action: 'sagemaker:CreateNotebookInstance', resource: arn('sagemaker', 'notebook-instance/*') },
      {
        action: 'sagemaker:CreatePresignedNotebookInstanceUrl',
        resource: arn('sagemaker', 'notebook-instance/*'),
      },
    ],
  },
];

/** Roles a caller may pass: its account's, except service-linked roles (their service uses them). */
const passable = (role: GraphRole) => role.linkedService === null;

export const passRole: EdgeFamily = {
  kind: 'pass-role',
  description: 'iam:PassRole of a role to a service that runs code, with the action that runs it',
  async find(ctx) {
    const edges: GraphEdge[] = [];
    const mayAllow = mayAllowCache(ctx);
    const region = ctx.engine.region;
    // each role with the services its trust policy lets assume it
    const roles = ctx.account.roles
      .filter(passable)
      .map((role) => ({
        role,
        runners: CODE_RUNNERS.filter((r) => ctx.engine.trustsService(role, r.service)),
      }))
      .filter((r) => r.runners.length > 0);
    for (const s of ctx.sources) {
      if (!(await mayAllow(s, 'iam:PassRole'))) continue;
      for (const { role, runners } of roles) {
        if (role.arn === principalArnOf(s.principal)) continue;
        for (const runner of runners) {
          const steps = [
            ...(role.instanceProfiles.length === 0 ? (runner.withoutInstanceProfile ?? []) : []),
            ...runner.run,
          ];
          const pass = await ctx.engine.allowed(s.principal, {
            action: 'iam:PassRole',
            resource: role.arn,
            keys: { 'iam:PassedToService': runner.service },
          });
          if (!pass) continue;
          const permissions: Permission[] = [pass];
          for (const step of steps) {
            const p = (await mayAllow(s, step.action))
              ? await ctx.engine.allowed(s.principal, {
                  action: step.action,
                  resource: step.resource(s.accountId, region),
                })
              : undefined;
            if (!p) break;
            permissions.push(p);
          }
          if (permissions.length < steps.length + 1) continue;
          const profile = role.instanceProfiles[0];
          edges.push({
            from: s.id,
            to: role.arn,
            kind: 'pass-role',
            summary:
              `${ctx.graph.label(s.id)} passes ${ctx.graph.label(role.arn)} to ${runner.service}` +
              `${runner.service === 'ec2.amazonaws.com' && profile ? ` (instance profile ${profile})` : ''}` +
              ' and runs code as it',
            permissions,
          });
          break;
        }
      }
    }
    return edges;
  },
};
