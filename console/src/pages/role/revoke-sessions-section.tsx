// "Revoke active sessions" as AWS's console does it: after a confirmation, the inline policy
// AWSRevokeOlderSessions denies every action to the role's sessions issued before now (PutRolePolicy);
// sessions issued later are not affected.
import { ConfirmAction } from '../../components/confirm-action.tsx';
import { useCall } from '../../use-api.ts';
import { Panel } from '../../components/panel.tsx';

/** The inline policy AWS's console writes to revoke a role's sessions. */
export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';

export const revokeDocument = (before: Date) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': before.toISOString() } },
      },
    ],
  });

export function RevokeSessionsSection({ roleName }: { roleName: string }) {
  const call = useCall();
  return (
    <Panel title="Revoke sessions">
      <p>
        Denies every action to sessions of this role issued before now, with the inline policy{' '}
        <code>{REVOKE_POLICY_NAME}</code>; sessions issued afterwards are not affected.
      </p>
      <ConfirmAction
        trigger="Revoke active sessions"
        title={`Revoke the active sessions of ${roleName}?`}
        confirm="Revoke sessions"
        done="Every session issued before now is denied."
        onConfirm={() =>
          call('iam', 'PutRolePolicy', {
            RoleName: roleName,
            PolicyName: REVOKE_POLICY_NAME,
            PolicyDocument: revokeDocument(new Date()),
          })
        }
      >
        <p>
          Every user, application or service holding credentials of {roleName} issued before now loses all its
          permissions. The credentials of sessions that start after this keep working. To undo it, delete the
          inline policy {REVOKE_POLICY_NAME}.
        </p>
      </ConfirmAction>
    </Panel>
  );
}
