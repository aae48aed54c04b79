// The AWS managed policies an imported account uses, made present: Tessera's own copy when it has one
// (aws-managed-policies.ts), else the copy the dump includes (stored under 'aws' with AWS's id and
// versions, updated by a later dump), else a copy an earlier import stored, else a placeholder that
// allows nothing, reported in the summary so that no one mistakes its silence for AWS's policy.
import type { Repos } from '../../store/index.ts';
import { iamArn } from '../arns.ts';
import { AWS_MANAGED_POLICIES } from '../aws-managed-policies.ts';
import { newUniqueId } from '../ids.ts';
import { AWS_ACCOUNT } from '../managed-policies.ts';
import { upsertPolicy } from './apply-policies.ts';
import type { DesiredAccount } from './desired-state.ts';

/** What marks a placeholder: GetPolicy shows it as the policy's description. */
export const PLACEHOLDER_DESCRIPTION =
  'Placeholder stored by tessera import authz-details: this AWS managed policy was neither in the dump nor known to Tessera, so it allows nothing.';

/** A statement that applies to no action: the placeholder allows nothing and denies nothing. */
export const PLACEHOLDER_DOCUMENT = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [{ Sid: 'PlaceholderAllowsNothing', Effect: 'Allow', NotAction: '*', Resource: '*' }],
  },
  null,
  4,
);

const TESSERA_OWN: ReadonlySet<string> = new Set(
  AWS_MANAGED_POLICIES.map((p) => iamArn(AWS_ACCOUNT, 'policy', p.path, p.name)),
);

/** Where each AWS managed policy the account uses came from, by ARN. */
export interface AwsPolicySources {
  /** Tessera's own, or a copy an earlier import stored. */
  known: string[];
  /** Stored or updated from the dump's copy. */
  fromDump: string[];
  /** Placeholders (made now or by an earlier import). */
  placeholders: string[];
}

/** Splits an AWS managed policy ARN into path and name. */
function pathAndName(arn: string): { path: string; name: string } {
  const rest = arn.slice(`arn:aws:iam::${AWS_ACCOUNT}:policy`.length);
  const cut = rest.lastIndexOf('/');
  return { path: rest.slice(0, cut + 1), name: rest.slice(cut + 1) };
}

export async function ensureAwsPolicies(
  repos: Repos,
  d: DesiredAccount,
  now: Date,
): Promise<AwsPolicySources> {
  const sources: AwsPolicySources = { known: [], fromDump: [], placeholders: [] };
  const arns = [...new Set([...d.awsPolicies.keys(), ...d.awsReferences.keys()])].sort();
  for (const arn of arns) {
    const row = await repos.managedPolicies.byArn(arn);
    const inDump = d.awsPolicies.get(arn);
    if (row && TESSERA_OWN.has(arn)) sources.known.push(arn);
    else if (inDump) {
      await upsertPolicy(repos, inDump, row, row ? await repos.managedPolicies.versions(row.policy_id) : []);
      sources.fromDump.push(arn);
    } else if (row) {
      (row.description === PLACEHOLDER_DESCRIPTION ? sources.placeholders : sources.known).push(arn);
    } else {
      const { path, name } = pathAndName(arn);
      const at = now.toISOString();
      const id = newUniqueId('ANPA');
      await repos.managedPolicies.insertIfAbsent(
        {
          policy_id: id,
          account_id: AWS_ACCOUNT,
          policy_name: name,
          name_key: name.toLowerCase(),
          path,
          arn,
          default_version: 1,
          next_version: 2,
          description: PLACEHOLDER_DESCRIPTION,
          created_at: at,
          updated_at: at,
        },
        { policy_id: id, version: 1, document: PLACEHOLDER_DOCUMENT, created_at: at },
      );
      sources.placeholders.push(arn);
    }
  }
  return sources;
}
