// Decoding a Query request costs time linear in its size: a body of thousands of list members
// (PolicyArns.member.N.arn on an unsigned AssumeRoleWithWebIdentity) must not hold the event loop.
import { describe, expect, it } from 'vitest';
import { readQueryInput } from '../../src/protocol/query-decode.ts';
import { serviceModel } from '../../src/protocol/service-model.ts';

/**
 * A bound no quadratic decoder meets at these sizes (hundreds of millions of steps), with room for a
 * CI machine busy with other test files (1.5 s was seen there for 20,000 nested members).
 */
const QUADRATIC_WOULD_TAKE_MS = 5000;

const sts = serviceModel('sts');
const iam = serviceModel('iam');

/** Milliseconds taken to decode `params` as `shape`, and what was decoded. */
function timed(model: typeof sts, shape: string, params: Map<string, string>) {
  const started = performance.now();
  const input = readQueryInput(model, shape, params);
  return { ms: performance.now() - started, input };
}

describe('Query decoding cost', () => {
  it('decodes a 1 MB body of list members (PolicyArns.member.N.arn) in linear time', () => {
    const params = new Map<string, string>([['Action', 'AssumeRoleWithWebIdentity']]);
    const n = 32_000; // about 1 MB of form body, the server's limit
    for (let i = 1; i <= n; i++) params.set(`PolicyArns.member.${i}.arn`, 'x');
    const { ms, input } = timed(sts, 'AssumeRoleWithWebIdentityRequest', params);
    expect((input.PolicyArns as unknown[]).length).toBe(n);
    expect(ms).toBeLessThan(QUADRATIC_WOULD_TAKE_MS);
  });

  it('decodes thousands of nested list members (ContextEntries.member.N.ContextKeyValues) in linear time', () => {
    const params = new Map<string, string>();
    const n = 20_000;
    for (let i = 1; i <= n; i++) {
      params.set(`ContextEntries.member.${i}.ContextKeyName`, 'aws:x');
      params.set(`ContextEntries.member.${i}.ContextKeyValues.member.1`, 'v');
    }
    const { ms, input } = timed(iam, 'SimulateCustomPolicyRequest', params);
    const entries = input.ContextEntries as { ContextKeyValues: string[] }[];
    expect(entries.length).toBe(n);
    expect(entries[n - 1]!.ContextKeyValues).toEqual(['v']);
    expect(ms).toBeLessThan(QUADRATIC_WOULD_TAKE_MS);
  });
});
