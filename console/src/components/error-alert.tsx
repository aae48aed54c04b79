// The one way a failed request is shown: the server's message, verbatim, in a role="alert" box.
import { errorMessage } from '../use-api.ts';

export function ErrorAlert({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  return (
    <div role="alert" className="alert">
      {errorMessage(error)}
    </div>
  );
}
