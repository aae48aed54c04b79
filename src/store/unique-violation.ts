// Recognises a unique-constraint violation from either backend, so that a lost race on a name
// becomes EntityAlreadyExists instead of a server failure.

export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Runs a write whose unique constraint may be lost to a racing writer; such a loss throws `conflict()`. */
export async function onUniqueViolation<T>(write: Promise<T>, conflict: () => Error): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}
