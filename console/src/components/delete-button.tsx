// The Delete button of a row (a user, a role, an access key, a policy version…): named "Delete <name>"
// for assistive technology, it asks for a confirmation that says what IAM requires first.
import type { ReactNode } from 'react';
import { ConfirmAction } from './confirm-action.tsx';

interface DeleteButtonProps {
  /** What is deleted: "user", "inline policy"… */
  kind: string;
  name: string;
  onDelete: () => Promise<unknown>;
  /** What deleting means, and what IAM wants removed first. */
  children: ReactNode;
}

export function DeleteButton({ kind, name, onDelete, children }: DeleteButtonProps) {
  return (
    <ConfirmAction
      trigger={
        <>
          Delete<span className="visually-hidden"> {name}</span>
        </>
      }
      title={`Delete ${kind} ${name}?`}
      confirm={`Delete ${kind}`}
      onConfirm={onDelete}
    >
      {children}
    </ConfirmAction>
  );
}
