// Policy-edit edges. An edit of a target's policies — an inline policy or an attachment on the target
// or on a group it is in, a new or another default version of a customer managed policy attached to
// it, the target added to a group — gives the target new permissions; the engine then says whether
// the target, so changed, would hold admin rights (its boundary and SCPs still apply). An edit of the
// editor's own power is an edge from the editor to admin; an edit of another principal's is an edge
// from that principal to admin done by the editor (`actor`), which counts only on a path that holds
// the editor's credentials too. iam:UpdateAssumeRolePolicy on a role is an edge to the role: the editor
// rewrites the trust policy to name itself, then assumes the role (the engine decides that request).
import type { Principal } from '../../../domain/index.ts';
import { compilePolicy } from '../../../policy/index.ts';
import type { GraphGroup, GraphRole } from '../account-principals.ts';
import { ANY_POLICY, type PolicyChange, principalArnOf } from '../graph-engine.ts';
import { ADMIN, type GraphEdge, type Permission } from '../graph-model.ts';
import { SESSION_NAME_KEY } from './assume-role.ts';
import { type EdgeFamily, type EdgeContext, mayAllowCache, type Source } from './edge-family.ts';

/** The policy an attaching editor would pick (AWS managed; its ARN is what iam:PolicyARN sees). */
export const ADMINISTRATOR_ACCESS = 'arn:aws:iam::aws:policy/AdministratorAccess';

/** One request that changes a target's identity policies, and what they become. */
interface Edit {
  action: string;
  resource: string;
  keys?: Record<string, string>;
  change: PolicyChange;
  /** Names the change, for remembering what it does to the target. */
  changeKey: string;
}

const GIVE_ANYTHING: PolicyChange = { add: [ANY_POLICY] };
const attachKeys = { 'iam:PolicyARN': ADMINISTRATOR_ACCESS };

function groupPolicies(group: GraphGroup): PolicyChange {
  return {
    add: group.documents.flatMap((d) => {
      const r = compilePolicy(d.document, { id: d.sourceId, sourceType: 'group' });
      return r.ok ? [r.policy] : [];
    }),
  };
}

/** New or other default versions of the customer managed policies in `arns`. */
function versionEdits(ctx: EdgeContext, arns: readonly string[]): Edit[] {
  const edits: Edit[] = [];
  for (const arn of new Set(arns)) {
    const policy = ctx.account.policies.get(arn);
    if (!policy) continue; // AWS managed: nobody can change it
    edits.push({
      action: 'iam:CreatePolicyVersion',
      resource: arn,
      change: { drop: [arn], add: [ANY_POLICY] },
      changeKey: `new version of ${arn}`,
    });
    for (const v of policy.versions) {
      if (v.version === policy.defaultVersion) continue;
      const r = compilePolicy(v.document, { id: arn, sourceType: 'user-managed' });
      if (r.ok)
        edits.push({
          action: 'iam:SetDefaultPolicyVersion',
          resource: arn,
          change: { drop: [arn], add: [r.policy] },
          changeKey: `v${v.version} of ${arn}`,
        });
    }
  }
  return edits;
}

/** Every edit of the target's policies that could raise its power. */
function editsOf(ctx: EdgeContext, target: Source): Edit[] {
  if (target.role) {
    const role: GraphRole = target.role;
    // IAM refuses policy changes on a service-linked role
    if (role.linkedService !== null) return [];
    return [
      { action: 'iam:PutRolePolicy', resource: role.arn, change: GIVE_ANYTHING, changeKey: 'any' },
      {
        action: 'iam:AttachRolePolicy',
        resource: role.arn,
        keys: attachKeys,
        change: GIVE_ANYTHING,
        changeKey: 'any',
      },
      ...versionEdits(ctx, role.attachedPolicyArns),
    ];
  }
  const user = target.user;
  const groups = ctx.account.groups.filter((g) => g.memberIds.has(user.userId));
  return [
    { action: 'iam:PutUserPolicy', resource: user.arn, change: GIVE_ANYTHING, changeKey: 'any' },
    {
      action: 'iam:AttachUserPolicy',
      resource: user.arn,
      keys: attachKeys,
      change: GIVE_ANYTHING,
      changeKey: 'any',
    },
    ...groups.flatMap((g): Edit[] => [
      { action: 'iam:PutGroupPolicy', resource: g.arn, change: GIVE_ANYTHING, changeKey: 'any' },
      {
        action: 'iam:AttachGroupPolicy',
        resource: g.arn,
        keys: attachKeys,
        change: GIVE_ANYTHING,
        changeKey: 'any',
      },
    ]),
    ...versionEdits(ctx, [...user.attachedPolicyArns, ...groups.flatMap((g) => g.attachedPolicyArns)]),
    ...ctx.account.groups
      .filter((g) => !g.memberIds.has(user.userId))
      .map((g) => ({
        action: 'iam:AddUserToGroup',
        resource: g.arn,
        change: groupPolicies(g),
        changeKey: `member of ${g.arn}`,
      })),
  ];
}

/** A trust policy naming only `arn`: what an editor with iam:UpdateAssumeRolePolicy would write. */
function trustingOnly(arn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: arn }, Action: 'sts:AssumeRole' }],
  });
}

async function trustEdits(ctx: EdgeContext, s: Source, edges: GraphEdge[]): Promise<void> {
  const self = principalArnOf(s.principal);
  for (const role of ctx.account.roles) {
    if (role.linkedService !== null || role.arn === self) continue;
    const update = await ctx.engine.allowed(s.principal, {
      action: 'iam:UpdateAssumeRolePolicy',
      resource: role.arn,
    });
    if (!update) continue;
    const assume = await ctx.engine.allowed(s.principal, {
      action: 'sts:AssumeRole',
      resource: role.arn,
      resourceAccountId: role.accountId,
      keys: SESSION_NAME_KEY,
      trustPolicy: { document: trustingOnly(self), id: `${role.arn} (rewritten trust policy)` },
    });
    if (assume)
      edges.push({
        from: s.id,
        to: role.arn,
        kind: 'policy-edit',
        summary: `${ctx.graph.label(s.id)} rewrites the trust policy of ${ctx.graph.label(role.arn)} and assumes it`,
        permissions: [update, assume],
      });
  }
}

export const policyEdits: EdgeFamily = {
  kind: 'policy-edit',
  description:
    'iam:Put*Policy, iam:Attach*Policy, iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:AddUserToGroup that would give a principal admin rights; iam:UpdateAssumeRolePolicy',
  async find(ctx) {
    const edges: GraphEdge[] = [];
    const mayAllow = mayAllowCache(ctx);
    const targets = await Promise.all(
      ctx.sources.map(async (t) => ({ t, admin: (await ctx.engine.isAdmin(t.principal)) !== undefined })),
    );
    const edits = new Map(targets.map(({ t }) => [t.id, editsOf(ctx, t)]));
    // what each change does to each target: admin rights or not
    const effects = new Map<string, Promise<boolean>>();
    const makesAdmin = (target: Principal, id: string, edit: Edit) => {
      const key = `${id} ${edit.changeKey}`;
      let answer = effects.get(key);
      if (!answer) {
        answer = ctx.engine.isAdmin(ctx.engine.withChange(target, edit.change)).then((p) => p !== undefined);
        effects.set(key, answer);
      }
      return answer;
    };
    const admins = new Set(targets.filter((x) => x.admin).map((x) => x.t.id));
    const editActions = new Set([...edits.values()].flat().map((e) => e.action));
    for (const s of ctx.sources) {
      if (await mayAllow(s, 'iam:UpdateAssumeRolePolicy')) await trustEdits(ctx, s, edges);
      // an editor with admin rights gains nothing by giving them to a principal it reaches
      if (admins.has(s.id)) continue;
      // the edits its policies may allow at all, asked once: most principals may make none
      const mayEdit = new Set<string>();
      for (const action of editActions) if (await mayAllow(s, action)) mayEdit.add(action);
      if (mayEdit.size === 0) continue;
      for (const { t, admin } of targets) {
        if (admin) continue; // it holds admin rights already: nothing to gain by editing it
        const permissions: Permission[] = [];
        for (const edit of edits.get(t.id) ?? []) {
          if (!mayEdit.has(edit.action)) continue;
          const p = await ctx.engine.allowed(s.principal, {
            action: edit.action,
            resource: edit.resource,
            ...(edit.keys ? { keys: edit.keys } : {}),
          });
          if (p && (await makesAdmin(t.principal, t.id, edit))) permissions.push(p);
        }
        if (permissions.length === 0) continue;
        const self = t.id === s.id;
        edges.push({
          from: t.id,
          to: ADMIN,
          kind: 'policy-edit',
          summary: self
            ? `${ctx.graph.label(s.id)} can give itself every permission`
            : `${ctx.graph.label(s.id)} can give ${ctx.graph.label(t.id)} every permission`,
          permissions,
          ...(self ? {} : { actor: s.id }),
        });
      }
    }
    return edges;
  },
};
