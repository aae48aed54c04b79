// Put<Entity>PermissionsBoundary and Delete<Entity>PermissionsBoundary for users and roles, from one
// table: which ARN the call is authorized on and how the boundary is set (null removes it).
import { defineFamilyAction, type Action, type ActionContext } from '../action.ts';
import { setRoleBoundary, setUserBoundary } from '../../domain/index.ts';
import type { IamOperationName } from '../../protocol/index.ts';
import type { Repos } from '../../store/index.ts';
import { roleArn, userArn } from './resource-arns.ts';

interface BoundedEntity {
  noun: 'User' | 'Role';
  member: 'UserName' | 'RoleName';
  resource(ctx: ActionContext, name: string): string;
  set(repos: Repos, accountId: string, name: string, boundaryArn: string | null): Promise<unknown>;
}

const ENTITIES: readonly BoundedEntity[] = [
  { noun: 'User', member: 'UserName', resource: userArn, set: setUserBoundary },
  { noun: 'Role', member: 'RoleName', resource: roleArn, set: setRoleBoundary },
];

type Named = Record<string, string>;

function actionsFor(e: BoundedEntity): Action[] {
  const nameOf = (input: Named): string => input[e.member] ?? '';
  const resource = (input: Named, ctx: ActionContext) => e.resource(ctx, nameOf(input));
  const put: IamOperationName = `Put${e.noun}PermissionsBoundary`;
  const del: IamOperationName = `Delete${e.noun}PermissionsBoundary`;
  return [
    defineFamilyAction<'iam', Named & { PermissionsBoundary: string }, void>({
      service: 'iam',
      name: put,
      resource,
      async handle(input, ctx) {
        await ctx.services.store.write(ctx.accountId, (repos) =>
          e.set(repos, ctx.accountId, nameOf(input), input.PermissionsBoundary),
        );
      },
    }),
    defineFamilyAction<'iam', Named, void>({
      service: 'iam',
      name: del,
      resource,
      async handle(input, ctx) {
        await ctx.services.store.write(ctx.accountId, (repos) =>
          e.set(repos, ctx.accountId, nameOf(input), null),
        );
      },
    }),
  ];
}

/** The 4 boundary actions: Put and Delete…PermissionsBoundary for users and roles. */
export const permissionsBoundaryActions: Action[] = ENTITIES.flatMap(actionsFor);
