// Reads a dump's text: JSON first, then the shape of get-account-authorization-details' output. The
// first problem found is the error, named by entity and field; how many more there are is said too.
import { authorizationDetailsDump, type AuthorizationDetailsDump } from './dump-schema.ts';
import { dumpPath, ImportError } from './import-error.ts';

export interface ReadDump {
  dump: AuthorizationDetailsDump;
  /** The parsed JSON as it was, for naming entities in later errors. */
  raw: unknown;
}

/** The dump in `text`, or an ImportError naming the first entity and field that is wrong. */
export function readDump(text: string): ReadDump {
  let raw: unknown;
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new ImportError('', `not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  const parsed = authorizationDetailsDump.safeParse(raw);
  if (parsed.success) return { dump: parsed.data, raw };
  const [first, ...rest] = parsed.error.issues;
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  throw new ImportError(dumpPath(raw, first!.path), `${first!.message}${more}`);
}
