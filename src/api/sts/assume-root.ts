// AssumeRoot: a short root session of a member account, for one privileged task, to an IAM principal
// of the organization's management account or of IAM's delegated administrator. Its steps, in AWS's
// order: validate the target and task policy → the caller and target in one organization → the
// caller's policies allow sts:AssumeRoot on the target's root → the organization trusts IAM and has
// the task's feature enabled → issue. The handler asks the engine itself: the resource is another
// account's root, decided on the caller's identity policies alone.
import { defineAction } from '../action.ts';
import { rootArn } from '../../domain/index.ts';
import {
  checkRootTaskEnabled,
  issueRootSession,
  noteRootTarget,
  notAuthorizedForRoot,
  ROOT_TASK_SESSION_SECONDS,
  rootSessionOrganization,
  targetAccountOf,
  taskPolicyOf,
} from '../../sts/index.ts';

export const AssumeRoot = defineAction({
  service: 'sts',
  name: 'AssumeRoot',
  resource: (input) => {
    try {
      return rootArn(targetAccountOf(input.TargetPrincipal));
    } catch {
      return input.TargetPrincipal;
    }
  },
  authorization: 'handler',
  async handle(input, ctx) {
    const { caller, services } = ctx;
    const target = targetAccountOf(input.TargetPrincipal);
    const task = taskPolicyOf(input.TaskPolicyArn.arn);
    const org = await services.store.read((repos) => rootSessionOrganization(repos, caller, target));
    noteRootTarget(ctx, target);

    // the target's place in the organization, for aws:ResourceAccount / aws:ResourceOrgPaths
    const targetOrg = await services.authorizer.organizations?.forAccount(target);
    const decision = await services.authorizer.decide({
      principal: caller,
      action: 'sts:AssumeRoot',
      resource: rootArn(target),
      // decided on the caller's own policies, as a request within its account (no resource policy
      // of the target takes part), with the resource keys naming the target
      resourceAccountId: caller.accountId,
      keys: {
        'sts:TaskPolicyArn': task.arn,
        'aws:ResourceAccount': target,
        ...(targetOrg
          ? { 'aws:ResourceOrgID': targetOrg.orgId, 'aws:ResourceOrgPaths': targetOrg.paths }
          : {}),
      },
      request: ctx.request,
    });
    if (decision.decision !== 'Allow') throw notAuthorizedForRoot(caller, target);
    await services.store.read((repos) => checkRootTaskEnabled(repos, org, task));

    const credentials = issueRootSession(services, {
      caller,
      targetAccountId: target,
      task,
      durationSeconds: input.DurationSeconds ?? ROOT_TASK_SESSION_SECONDS,
      now: ctx.now,
    });
    const sourceIdentity = caller.session?.sourceIdentity;
    return {
      Credentials: credentials,
      ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
    };
  },
});
