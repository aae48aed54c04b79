// Hooks the pages use to reach the API: `useCall` binds the session's CSRF token and sends the
// console back to sign-in when the server says the session is gone; `useLoad` runs a read on mount
// and on demand, keeping its result or its error for rendering.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, call, type Service } from './api.ts';
import { useSession } from './session.ts';

export type CallFn = <T>(service: Service, action: string, input: Record<string, unknown>) => Promise<T>;

export function useCall(): CallFn {
  const { session, setSession } = useSession();
  const csrfToken = session.csrfToken;
  return useCallback(
    async <T>(service: Service, action: string, input: Record<string, unknown>): Promise<T> => {
      try {
        return await call<T>(csrfToken, service, action, input);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NotSignedIn') setSession(null);
        throw error;
      }
    },
    [csrfToken, setSession],
  );
}

/** The text to show for a failed request: the server's message exactly, or what went wrong on the way. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return `Could not reach Tessera: ${error.message}`;
  return 'Could not reach Tessera.';
}

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  /** Run the read again (after a change); the previous data stays shown until it answers. */
  reload: () => void;
}

/** Runs `load` (keep it stable with useCallback) when mounted, when it changes, and on reload(). */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [result, setResult] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setResult({ data, loading: false }),
      (error: unknown) =>
        current && setResult((previous) => ({ data: previous.data, error, loading: false })),
    );
    return () => {
      current = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => {
    setResult((previous) => ({ ...previous, loading: true }));
    setGeneration((n) => n + 1);
  }, []);

  return { ...result, reload };
}
