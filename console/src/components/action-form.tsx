// A form that makes one change: its fields, its submit button (disabled while the change runs), and
// then the server's error or the status line. Inline forms put the button beside the fields.
import type { FormEvent, ReactNode } from 'react';
import type { Action } from '../use-action.ts';
import { ActionFeedback } from './action-feedback.tsx';

interface ActionFormProps {
  action: Action;
  onSubmit: () => void;
  /** The submit button's text. */
  submit: string;
  inline?: boolean;
  /** A primary (filled) submit button; forms that create something have one. */
  primary?: boolean;
  /** More buttons after the submit button. */
  extra?: ReactNode;
  children: ReactNode;
}

export function ActionForm({
  action,
  onSubmit,
  submit,
  inline = false,
  primary = false,
  extra,
  children,
}: ActionFormProps) {
  const send = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const buttons = (
    <>
      <button type="submit" className={primary ? 'primary' : undefined} disabled={action.busy}>
        {submit}
      </button>
      {extra}
    </>
  );
  return (
    <>
      <form className={inline ? 'inline-form' : undefined} onSubmit={send}>
        {children}
        {inline ? buttons : <div className="form-actions">{buttons}</div>}
      </form>
      <ActionFeedback action={action} />
    </>
  );
}
