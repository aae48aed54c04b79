// One user's page, in the sections of AWS's console: summary (ARN, last console sign-in),
// permissions (managed and inline policies, boundary), groups, security credentials (console
// password, access keys, MFA devices) and tags.
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
import { AccessKeysSection } from './user/access-keys-section.tsx';
import { ConsolePasswordSection } from './user/console-password-section.tsx';
import { MfaSection } from './user/mfa-section.tsx';
import { UserGroupsSection } from './user/user-groups-section.tsx';

interface User {
  Arn: string;
  Path: string;
  CreateDate: string;
  PasswordLastUsed?: string;
  PermissionsBoundary?: { PermissionsBoundaryArn?: string };
}

export function UserDetailPage({ userName }: { userName: string }) {
  const call = useCall();
  const user = useLoad(
    useCallback(
      () => call<{ User: User }>('iam', 'GetUser', { UserName: userName }).then((answer) => answer.User),
      [call, userName],
    ),
  );
  return (
    <>
      <EntityHeading list="users" listLabel="users" name={userName} />
      <ErrorAlert error={user.error} />
      {user.data === undefined ? null : (
        <>
          <SummaryList
            items={[
              ['ARN', <code>{user.data.Arn}</code>],
              ['Path', user.data.Path],
              ['Created', formatDate(user.data.CreateDate)],
              ['Console last sign-in', formatLastUsed(user.data.PasswordLastUsed)],
            ]}
          />
          <AttachedPolicies holder="User" name={userName} />
          <InlinePolicies holder="User" name={userName} />
          <PermissionsBoundary
            holder="User"
            name={userName}
            current={user.data.PermissionsBoundary?.PermissionsBoundaryArn}
            onChanged={user.reload}
          />
          <UserGroupsSection userName={userName} />
          <ConsolePasswordSection userName={userName} />
          <AccessKeysSection userName={userName} />
          <MfaSection owner={{ userName }} />
          <TagsSection entity="User" id={userName} />
        </>
      )}
    </>
  );
}
