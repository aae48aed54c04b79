// The generated model types (scripts/gen-models.ts): a file disables the linter only when it needs to,
// that is when it declares an empty interface (a structure of AWS's model without members), so that
// ESLint never reports an unused disable directive in a generated file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../../src/protocol/models');
const files = readdirSync(dir).filter((f) => f.endsWith('-types.ts'));

describe('generated model types', () => {
  it.each(files)('%s disables the linter exactly when it declares an empty interface', (file) => {
    const text = readFileSync(path.join(dir, file), 'utf8');
    const hasEmptyInterface = /^export interface \w+ \{\n\}$/m.test(text);
    expect(text.includes('/* eslint-disable */')).toBe(hasEmptyInterface);
  });
});
