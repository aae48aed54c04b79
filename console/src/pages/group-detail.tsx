// One group's page: summary, its members (add several, remove one), the managed policies attached to
// it and its inline policies.
import { useCallback } from 'react';
import { AttachedPolicies } from '../components/attached-policies.tsx';
import { EntityHeading } from '../components/entity-heading.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { InlinePolicies } from '../components/inline-policies.tsx';
import { SummaryList } from '../components/summary-list.tsx';
import { formatDate } from '../format.ts';
import { useCall, useLoad } from '../use-api.ts';
import { MembersSection } from './group/members-section.tsx';

interface Group {
  Arn: string;
  Path: string;
  CreateDate: string;
}

export function GroupDetailPage({ groupName }: { groupName: string }) {
  const call = useCall();
  const group = useLoad(
    useCallback(
      () =>
        call<{ Group: Group }>('iam', 'GetGroup', { GroupName: groupName, MaxItems: 1 }).then(
          (answer) => answer.Group,
        ),
      [call, groupName],
    ),
  );
  return (
    <>
      <EntityHeading list="groups" listLabel="groups" name={groupName} />
      <ErrorAlert error={group.error} />
      {group.data === undefined ? null : (
        <>
          <SummaryList
            items={[
              ['ARN', <code>{group.data.Arn}</code>],
              ['Path', group.data.Path],
              ['Created', formatDate(group.data.CreateDate)],
            ]}
          />
          <MembersSection groupName={groupName} />
          <AttachedPolicies holder="Group" name={groupName} />
          <InlinePolicies holder="Group" name={groupName} />
        </>
      )}
    </>
  );
}
