// What every step of the sign-in page gets from the page: whether a request is under way, the last
// one's error, and how to send the step's request (the page moves on to whatever step it answers).
import type { FormEvent } from 'react';
import type { SignInStep } from '../../api.ts';

export interface StepProps {
  busy: boolean;
  error: unknown;
  onSubmit: (event: FormEvent, send: () => Promise<SignInStep>) => Promise<void>;
}

/** A step after the password, tied to its ticket, which Cancel abandons for a fresh sign-in. */
export interface TicketStepProps extends StepProps {
  ticket: string;
  onCancel: () => void;
}
