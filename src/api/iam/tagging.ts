// Tag<Entity>, Untag<Entity> and List<Entity>Tags for every taggable IAM entity: one table says how
// each entity is named in a request, which ARN the call is authorized on, and how to find the row;
// the three actions are built from it. Policies: tagging needs a changeable (customer managed)
// policy, listing a readable one, as AWS answers for another account's or AWS's own policies.
import { defineFamilyAction, type Action, type ActionContext } from '../action.ts';
import {
  getInstanceProfileRow,
  instanceProfileChange,
  getChangeablePolicy,
  getReadablePolicy,
  deviceChange,
  getMfaDevice,
  getOidcProviderRow,
  oidcProviderChange,
  assertModifiableRole,
  getRoleRow,
  SSO_RESERVED_ROLE_PATH,
  getSamlProviderRow,
  samlProviderChange,
  getServerCertificateRow,
  serverCertificateChange,
  addTags,
  type Tag,
  getUserRow,
} from '../../domain/index.ts';
import type { TaggableResource, Change, ReadRepos } from '../../store/index.ts';
import type { IamOperationName } from '../../protocol/index.ts';
import { paginateList } from './paginate-list.ts';
import { policyAccess } from './policy-access.ts';
import { instanceProfileArn, roleArn, serverCertificateArn, userArn } from './resource-arns.ts';

/** Where an entity's tags live, and what a change to them announces. */
interface TagTarget {
  type: TaggableResource;
  id: string;
  change: Change;
}

type Noun =
  | 'User'
  | 'Role'
  | 'Policy'
  | 'InstanceProfile'
  | 'OpenIDConnectProvider'
  | 'SAMLProvider'
  | 'MFADevice'
  | 'ServerCertificate';

interface TaggedEntity {
  noun: Noun;
  /** The request member that names the entity (UserName, PolicyArn, SerialNumber …). */
  member: string;
  /** The ARN the call is authorized on. */
  resource(name: string, ctx: ActionContext): string;
  /** Finds the entity (NoSuchEntity otherwise); `action` is the call's name, for policy refusals. */
  locate(repos: ReadRepos, ctx: ActionContext, name: string, action: string): Promise<TagTarget>;
}

const byArn = (name: string) => name;

const ENTITIES: readonly TaggedEntity[] = [
  {
    noun: 'User',
    member: 'UserName',
    resource: (name, ctx) => userArn(ctx, name),
    async locate(repos, ctx, name) {
      const row = await getUserRow(repos, ctx.accountId, name);
      return {
        type: 'user',
        id: row.user_id,
        change: { accountId: ctx.accountId, entity: 'user', id: row.user_id },
      };
    },
  },
  {
    noun: 'Role',
    member: 'RoleName',
    resource: (name, ctx) => roleArn(ctx, name),
    async locate(repos, ctx, name, action) {
      const row = await getRoleRow(repos, ctx.accountId, name);
      // an Identity Center role's tags are its service's (service-linked roles keep AWS's leave to tag)
      if (!action.startsWith('List') && row.path.startsWith(SSO_RESERVED_ROLE_PATH))
        assertModifiableRole(row);
      return {
        type: 'role',
        id: row.role_id,
        change: { accountId: ctx.accountId, entity: 'role', id: row.role_id },
      };
    },
  },
  {
    noun: 'Policy',
    member: 'PolicyArn',
    resource: byArn,
    async locate(repos, ctx, arn, action) {
      const access = policyAccess(ctx, action);
      const row = action.startsWith('List')
        ? await getReadablePolicy(repos, access, arn)
        : await getChangeablePolicy(repos, access, arn);
      const change: Change = { accountId: ctx.accountId, entity: 'policy', id: row.policy_id };
      return { type: 'policy', id: row.policy_id, change };
    },
  },
  {
    noun: 'InstanceProfile',
    member: 'InstanceProfileName',
    resource: (name, ctx) => instanceProfileArn(ctx, name),
    async locate(repos, ctx, name) {
      const row = await getInstanceProfileRow(repos, ctx.accountId, name);
      return { type: 'instance-profile', id: row.instance_profile_id, change: instanceProfileChange(row) };
    },
  },
  {
    noun: 'OpenIDConnectProvider',
    member: 'OpenIDConnectProviderArn',
    resource: byArn,
    async locate(repos, ctx, arn) {
      const row = await getOidcProviderRow(repos, ctx.accountId, arn);
      return { type: 'oidc-provider', id: row.arn, change: oidcProviderChange(row) };
    },
  },
  {
    noun: 'SAMLProvider',
    member: 'SAMLProviderArn',
    resource: byArn,
    async locate(repos, ctx, arn) {
      const row = await getSamlProviderRow(repos, ctx.accountId, arn);
      return { type: 'saml-provider', id: row.provider_id, change: samlProviderChange(row) };
    },
  },
  {
    noun: 'MFADevice',
    member: 'SerialNumber',
    resource: byArn,
    async locate(repos, ctx, serial) {
      const row = await getMfaDevice(repos, ctx.accountId, serial);
      return { type: 'mfa-device', id: row.serial_number, change: deviceChange(row) };
    },
  },
  {
    noun: 'ServerCertificate',
    member: 'ServerCertificateName',
    resource: (name, ctx) => serverCertificateArn(ctx, name),
    async locate(repos, ctx, name) {
      const row = await getServerCertificateRow(repos, ctx.accountId, name);
      return {
        type: 'server-certificate',
        id: row.server_certificate_id,
        change: serverCertificateChange(row),
      };
    },
  },
];

type Named = Record<string, string>;
interface TagInput {
  Tags: Tag[];
}
interface UntagInput {
  TagKeys: string[];
}
interface ListInput {
  Marker?: string;
  MaxItems?: number;
}
interface ListOutput {
  Tags: Tag[];
  IsTruncated: boolean;
  Marker?: string;
}

function actionsFor(e: TaggedEntity): Action[] {
  const nameOf = (input: Named): string => input[e.member] ?? '';
  // typed by AWS's operation names: a noun without all three operations does not compile
  const tag: IamOperationName = `Tag${e.noun}`;
  const untag: IamOperationName = `Untag${e.noun}`;
  const list: IamOperationName = `List${e.noun}Tags`;
  return [
    defineFamilyAction<'iam', Named & TagInput, void>({
      service: 'iam',
      name: tag,
      resource: (input, ctx) => e.resource(nameOf(input), ctx),
      async handle(input, ctx) {
        const quotas = await ctx.services.quotas(ctx.accountId);
        await ctx.services.store.write(ctx.accountId, async (repos) => {
          const t = await e.locate(repos, ctx, nameOf(input), tag);
          await addTags(repos, t.change, t.type, t.id, input.Tags, quotas.tagsPerResource);
        });
      },
    }),
    defineFamilyAction<'iam', Named & UntagInput, void>({
      service: 'iam',
      name: untag,
      resource: (input, ctx) => e.resource(nameOf(input), ctx),
      async handle(input, ctx) {
        await ctx.services.store.write(ctx.accountId, async (repos) => {
          const t = await e.locate(repos, ctx, nameOf(input), untag);
          await repos.tags.remove(t.change, t.type, t.id, input.TagKeys);
        });
      },
    }),
    defineFamilyAction<'iam', Named & ListInput, ListOutput>({
      service: 'iam',
      name: list,
      resource: (input, ctx) => e.resource(nameOf(input), ctx),
      async handle(input, ctx) {
        const tags = await ctx.services.store.read(async (repos) => {
          const t = await e.locate(repos, ctx, nameOf(input), list);
          return repos.tags.list(t.type, t.id);
        });
        const page = paginateList(tags, input, (t) => t.Key.toLowerCase());
        return { Tags: page.items, IsTruncated: page.isTruncated, Marker: page.marker };
      },
    }),
  ];
}

/** The 24 tagging actions: Tag, Untag and List…Tags for each entity of the table. */
export const taggingActions: Action[] = ENTITIES.flatMap(actionsFor);
