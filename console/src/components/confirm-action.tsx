// A change to confirm first (a deletion, revoking sessions): its button opens a dialog that says what
// will happen; the change runs on the dialog's confirm button, its error (AWS's DeleteConflict…) is
// shown inside the dialog, and the dialog closes once it is done.
import { useState, type ReactNode } from 'react';
import { useAction } from '../use-action.ts';
import { Dialog } from './dialog.tsx';
import { ErrorAlert } from './error-alert.tsx';

interface ConfirmActionProps {
  /** The button's content; its text is the button's accessible name. */
  trigger: ReactNode;
  title: string;
  /** The confirm button's text. */
  confirm: string;
  /** What will happen, shown in the dialog. */
  children: ReactNode;
  onConfirm: () => Promise<unknown>;
  /** Shown as a status line after the change, where the change does not remove the button. */
  done?: string;
  disabled?: boolean;
}

export function ConfirmAction({
  trigger,
  title,
  confirm,
  children,
  onConfirm,
  done,
  disabled,
}: ConfirmActionProps) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setStatus('');
          setOpen(true);
        }}
        disabled={disabled}
      >
        {trigger}
      </button>
      {open ? (
        <ConfirmDialog
          title={title}
          confirm={confirm}
          onClose={() => setOpen(false)}
          onConfirm={async () => {
            await onConfirm();
            setOpen(false);
            setStatus(done ?? '');
          }}
        >
          {children}
        </ConfirmDialog>
      ) : null}
      {done === undefined ? null : (
        <p role="status" className="status">
          {status}
        </p>
      )}
    </>
  );
}

interface ConfirmDialogProps {
  title: string;
  confirm: string;
  children: ReactNode;
  onClose: () => void;
  onConfirm: () => Promise<void>;
}

/** Its own action per opening, so an earlier failure is not shown again. */
function ConfirmDialog({ title, confirm, children, onClose, onConfirm }: ConfirmDialogProps) {
  const action = useAction();
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="dialog-body">{children}</div>
      <ErrorAlert error={action.error} />
      <div className="form-actions dialog-actions">
        <button type="button" onClick={onClose} data-autofocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => void action.run(onConfirm)}
          disabled={action.busy}
        >
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}
