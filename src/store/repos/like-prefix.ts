// Path-prefix filters of the List* calls, as SQL LIKE patterns.

/** A LIKE pattern matching strings that start with `prefix`, with LIKE's wildcards escaped. */
export function likePrefix(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}
