// Decoding a Query request costs work linear in its size, up to a log factor for the sorted index of its
// parameter names: a body of thousands of list members (PolicyArns.member.N.arn on an unsigned
// AssumeRoleWithWebIdentity) must not hold the event loop. Bounded by counted work, never by a clock: the
// decoder's own steps (readQueryInput's meter) and every read of the parameters it was given.
import { describe, expect, it } from 'vitest';
import { readQueryInput, type DecodeWork } from '../../src/protocol/query-decode.ts';
import { serviceModel } from '../../src/protocol/service-model.ts';

const sts = serviceModel('sts');
const iam = serviceModel('iam');

/**
 * Parameters that count every read: lookups, and names iterated (a scan per member was the O(n²) bug).
 * Past 100 reads per parameter they throw, so that a quadratic decoder fails at once instead of running
 * for minutes.
 */
class CountingParams extends Map<string, string> {
  reads = 0;

  private read(): void {
    if (++this.reads > 100 * this.size) throw new Error(`${this.reads} reads of ${this.size} parameters`);
  }

  override get(key: string): string | undefined {
    this.read();
    return super.get(key);
  }

  override has(key: string): boolean {
    this.read();
    return super.has(key);
  }

  override keys(): MapIterator<string> {
    const names = super.keys();
    const next = names.next.bind(names);
    names.next = () => {
      this.read();
      return next();
    };
    return names;
  }

  override entries(): MapIterator<[string, string]> {
    throw new Error('the decoder reads names and looks values up: entries() is not expected');
  }

  override forEach(): void {
    throw new Error('the decoder reads names and looks values up: forEach() is not expected');
  }
}

/** Decodes `params` as `shape` with the work counted. */
function decode(model: typeof sts, shape: string, params: CountingParams) {
  // past 100 steps per parameter: a decoder gone quadratic stops at once
  const work: DecodeWork = { steps: 0, limit: 100 * params.size };
  const input = readQueryInput(model, shape, params, work);
  return { input, steps: work.steps, reads: params.reads, size: params.size };
}

/** A 1 MB form body (the server's limit) of `PolicyArns.member.N.arn=x` holds about 32,000 members. */
const policyArns = (n: number) => {
  const params = new CountingParams([['Action', 'AssumeRoleWithWebIdentity']]);
  for (let i = 1; i <= n; i++) params.set(`PolicyArns.member.${i}.arn`, 'x');
  return decode(sts, 'AssumeRoleWithWebIdentityRequest', params);
};

const contextEntries = (n: number) => {
  const params = new CountingParams();
  for (let i = 1; i <= n; i++) {
    params.set(`ContextEntries.member.${i}.ContextKeyName`, 'aws:x');
    params.set(`ContextEntries.member.${i}.ContextKeyValues.member.1`, 'v');
  }
  return decode(iam, 'SimulateCustomPolicyRequest', params);
};

/**
 * The work per parameter: a few lookups and prefix searches for its member (each prefix search comparing
 * log2(parameters) + 1 names). A decoder that scans the parameters per member does thousands of times more
 * at these sizes.
 */
const perParameter = (size: number) => 2 * (Math.log2(size) + 2);

describe('Query decoding cost', () => {
  it('decodes a 1 MB body of list members (PolicyArns.member.N.arn) in O(n log n) steps, each name read a few times', () => {
    const n = 32_000;
    const { input, steps, reads, size } = policyArns(n);
    expect((input.PolicyArns as unknown[]).length).toBe(n);
    expect(steps).toBeLessThanOrEqual(perParameter(size) * size);
    // every name is iterated once, to be indexed, and each member's value looked up once or twice
    expect(reads).toBeLessThanOrEqual(4 * size);
  });

  it('decodes thousands of nested list members (ContextEntries.member.N.ContextKeyValues) in O(n log n) steps', () => {
    const n = 20_000;
    const { input, steps, reads, size } = contextEntries(n);
    const entries = input.ContextEntries as { ContextKeyValues: string[] }[];
    expect(entries.length).toBe(n);
    expect(entries[n - 1]!.ContextKeyValues).toEqual(['v']);
    expect(steps).toBeLessThanOrEqual(perParameter(size) * size);
    expect(reads).toBeLessThanOrEqual(4 * size);
  });

  it.each([
    ['PolicyArns.member.N.arn', policyArns],
    ['ContextEntries.member.N.ContextKeyValues.member.1', contextEntries],
  ])('at most about doubles its work when the members of %s double', (_, run) => {
    const sizes = [2000, 4000, 8000, 16_000];
    const measured = sizes.map(run);
    for (let i = 1; i < measured.length; i++) {
      const before = measured[i - 1]!;
      const after = measured[i]!;
      // n log n: doubling n multiplies the steps by 2 × log(2n) / log(n), under 2.2 at these sizes
      expect(after.steps).toBeLessThanOrEqual(2.2 * before.steps);
      expect(after.reads).toBeLessThanOrEqual(2.05 * before.reads);
    }
  });
});
