// A change a page makes on request (a form's submit, a button): whether it is running, what failed,
// and a status line once it is done — so each form does not keep the same three states by hand.
import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  error: unknown;
  status: string;
  /** Runs `change`; on success shows `done` (its text, or what it returns) as the status line. */
  run: (change: () => Promise<string | void>, done?: string) => Promise<void>;
  /** Shows the status line of a change made elsewhere (in a dialog), clearing any earlier error. */
  report: (status: string) => void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const run = useCallback(async (change: () => Promise<string | void>, done = '') => {
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      const said = await change();
      setStatus(typeof said === 'string' ? said : done);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, []);
  const report = useCallback((said: string) => {
    setError(undefined);
    setStatus(said);
  }, []);
  return { busy, error, status, run, report };
}
