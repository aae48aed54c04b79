// Owns how AWS measures a policy's size for its quotas: characters, not counting white space.

const WHITESPACE = /\s/u;

/** The number of characters (code points) in `text`, excluding white space, as IAM counts policy size. */
export function policySizeWithoutWhitespace(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      n++;
      continue;
    }
    if (c > 127 || c === 11 || c === 12) {
      if (WHITESPACE.test(text.charAt(i))) continue;
    }
    n++;
  }
  return n;
}
