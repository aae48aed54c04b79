// What became of a change a section made: the server's error in an alert, or its status line.
import type { Action } from '../use-action.ts';
import { ErrorAlert } from './error-alert.tsx';

export function ActionFeedback({ action }: { action: Pick<Action, 'error' | 'status'> }) {
  return (
    <>
      <ErrorAlert error={action.error} />
      <p role="status" className="status">
        {action.status}
      </p>
    </>
  );
}
