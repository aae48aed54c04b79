// Organizations' policy wire shapes, built from stored rows: PolicySummary, Policy (summary and content)
// and PolicyTargetSummary.
import { orgAccountArn, orgPolicyArn, orgRootArn, orgUnitArn, type OrgTarget } from '../../domain/index.ts';
import type { Org } from '../../protocol/index.ts';
import type { OrganizationRow, OrgPolicyRow } from '../../store/index.ts';

type PolicyTypeName = NonNullable<Org.PolicySummary['Type']>;

export function policySummaryShape(org: OrganizationRow, p: OrgPolicyRow): Org.PolicySummary {
  const awsManaged = p.aws_managed === 1;
  return {
    Id: p.policy_id,
    Arn: orgPolicyArn(org, p.policy_type, p.policy_id, awsManaged),
    Name: p.name,
    Description: p.description,
    Type: p.policy_type as PolicyTypeName,
    AwsManaged: awsManaged,
  };
}

export function policyShape(org: OrganizationRow, p: OrgPolicyRow): Org.Policy {
  return { PolicySummary: policySummaryShape(org, p), Content: p.content };
}

function targetArn(org: OrganizationRow, t: OrgTarget): string {
  switch (t.type) {
    case 'ROOT':
      return orgRootArn(org, t.id);
    case 'ORGANIZATIONAL_UNIT':
      return orgUnitArn(org, t.id);
    case 'ACCOUNT':
      return orgAccountArn(org, t.id);
  }
}

export function policyTargetShape(org: OrganizationRow, t: OrgTarget): Org.PolicyTargetSummary {
  return { TargetId: t.id, Arn: targetArn(org, t), Name: t.name, Type: t.type };
}
