// One managed policy's page, named by its ARN: summary, the document of its default version, its
// versions, the entities it is attached to, its tags, and (the account's own policies) "Delete policy".
import { useCallback } from 'react';
import { ConfirmAction } from '../components/confirm-action.tsx';
import { EntityHeading } from '../components/entity-heading.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { SummaryList } from '../components/summary-list.tsx';
import { TagsSection } from '../components/tags-section.tsx';
import { formatDate } from '../format.ts';
import { isAwsManaged, policyTypeOf, type ManagedPolicy } from '../managed-policy.ts';
import { navigate } from '../router.ts';
import { useCall, useLoad } from '../use-api.ts';
import { PolicyEntitiesSection } from './policy/policy-entities-section.tsx';
import { PolicyVersionsSection } from './policy/policy-versions-section.tsx';

export function PolicyDetailPage({ policyArn }: { policyArn: string }) {
  const call = useCall();
  const policy = useLoad(
    useCallback(
      () =>
        call<{ Policy: ManagedPolicy }>('iam', 'GetPolicy', { PolicyArn: policyArn }).then(
          (answer) => answer.Policy,
        ),
      [call, policyArn],
    ),
  );
  const data = policy.data;
  const own = !isAwsManaged(policyArn);
  const name = data?.PolicyName ?? policyArn.slice(policyArn.lastIndexOf('/') + 1);
  return (
    <>
      <EntityHeading
        list="policies"
        listLabel="policies"
        name={name}
        actions={
          own ? (
            <ConfirmAction
              trigger="Delete policy"
              title={`Delete policy ${name}?`}
              confirm="Delete"
              onConfirm={async () => {
                await call('iam', 'DeletePolicy', { PolicyArn: policyArn });
                navigate({ page: 'policies' });
              }}
            >
              <p>
                IAM deletes a policy only once it is detached from every user, group and role and its versions
                other than the default are deleted.
              </p>
            </ConfirmAction>
          ) : undefined
        }
      />
      <ErrorAlert error={policy.error} />
      {data === undefined ? null : (
        <>
          <SummaryList
            items={[
              ['ARN', <code>{data.Arn}</code>],
              ['Type', policyTypeOf(data.Arn)],
              ['Description', data.Description],
              ['Created', formatDate(data.CreateDate)],
              ['Edited', formatDate(data.UpdateDate)],
              ['Attached entities', data.AttachmentCount ?? 0],
            ]}
          />
          <PolicyVersionsSection
            policyArn={policyArn}
            defaultVersionId={data.DefaultVersionId}
            editable={own}
            onChanged={policy.reload}
          />
          <PolicyEntitiesSection policyArn={policyArn} />
          {own ? <TagsSection entity="Policy" id={policyArn} /> : null}
        </>
      )}
    </>
  );
}
