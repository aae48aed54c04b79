// One role's page: summary (ARN, maximum session, last activity), its trust policy, its managed and
// inline policies, its permissions boundary, its tags, and "Revoke active sessions".
import { useCallback } from 'react';
import { AttachedPolicies } from '../components/attached-policies.tsx';
import { EntityHeading } from '../components/entity-heading.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { InlinePolicies } from '../components/inline-policies.tsx';
import { PermissionsBoundary } from '../components/permissions-boundary.tsx';
import { SummaryList } from '../components/summary-list.tsx';
import { TagsSection } from '../components/tags-section.tsx';
import { formatDate, formatLastUsed } from '../format.ts';
import { useCall, useLoad } from '../use-api.ts';
import { RevokeSessionsSection } from './role/revoke-sessions-section.tsx';
import { TrustPolicySection } from './role/trust-policy-section.tsx';

interface Role {
  RoleName: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  Description?: string;
  MaxSessionDuration?: number;
  AssumeRolePolicyDocument?: string;
  PermissionsBoundary?: { PermissionsBoundaryArn?: string };
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
}

const lastActivity = (used: Role['RoleLastUsed']) =>
  used?.LastUsedDate === undefined
    ? 'Never'
    : `${formatLastUsed(used.LastUsedDate)} in ${used.Region ?? '?'}`;

export function RoleDetailPage({ roleName }: { roleName: string }) {
  const call = useCall();
  const role = useLoad(
    useCallback(
      () => call<{ Role: Role }>('iam', 'GetRole', { RoleName: roleName }).then((answer) => answer.Role),
      [call, roleName],
    ),
  );
  const data = role.data;
  return (
    <>
      <EntityHeading list="roles" listLabel="roles" name={roleName} />
      <ErrorAlert error={role.error} />
      {data === undefined ? null : (
        <>
          <SummaryList
            items={[
              ['ARN', <code>{data.Arn}</code>],
              ['Path', data.Path],
              ['Description', data.Description],
              ['Created', formatDate(data.CreateDate)],
              ['Maximum session duration', `${(data.MaxSessionDuration ?? 3600) / 3600} hours`],
              ['Last activity', lastActivity(data.RoleLastUsed)],
            ]}
          />
          <TrustPolicySection
            roleName={roleName}
            document={data.AssumeRolePolicyDocument}
            onSaved={role.reload}
          />
          <AttachedPolicies holder="Role" name={roleName} />
          <InlinePolicies holder="Role" name={roleName} />
          <PermissionsBoundary
            holder="Role"
            name={roleName}
            current={data.PermissionsBoundary?.PermissionsBoundaryArn}
            onChanged={role.reload}
          />
          <TagsSection entity="Role" id={roleName} />
          <RevokeSessionsSection roleName={roleName} />
        </>
      )}
    </>
  );
}
