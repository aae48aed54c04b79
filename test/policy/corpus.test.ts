// Runs the policy corpus: every case cites the AWS documentation page it follows and pins the engine to it.
import { describe, expect, it } from 'vitest';
import { authorize, checkPolicyDocument, explainAuthorization } from '../../src/policy/index.ts';
import {
  conditionAsDeny,
  conditionAsEvaluation,
  documentText,
  loadCorpus,
  policySetOf,
  requestOf,
} from './corpus-case.ts';
import type { EvaluationCase } from './corpus-case.ts';

const corpus = loadCorpus();

function runEvaluation(c: EvaluationCase): void {
  const set = policySetOf(c);
  const request = requestOf(c);
  const fast = authorize(set, request);
  const explained = explainAuthorization(set, request);
  expect(fast.decision).toBe(c.expect.decision);
  expect(explained.decision).toBe(c.expect.decision);
  if (c.expect.deciding) {
    const ids = explained.decidingStatements.map(
      (m) => `${m.policy.id}#${m.statement.sid ?? m.statement.index}`,
    );
    expect(ids.sort()).toEqual([...c.expect.deciding].sort());
  }
  if (c.expect.reason) expect(explained.reason).toEqual(c.expect.reason);
  if (c.expect.missing) expect(explained.missingContextKeys).toEqual([...c.expect.missing].sort());
}

describe('policy corpus', () => {
  it('has at least 300 cases, each citing an AWS documentation page', () => {
    const all = corpus.flatMap((f) => f.cases);
    expect(all.length).toBeGreaterThanOrEqual(300);
    for (const c of all) expect(c.doc, c.name).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  for (const file of corpus) {
    describe(file.file, () => {
      for (const c of file.cases) {
        if (c.type === 'validation') {
          it(c.name, () => {
            const r = checkPolicyDocument(documentText(c.document), c.kind);
            expect(r.ok ? null : r.message).toBe(c.message);
          });
        } else if (c.type === 'condition') {
          it(c.name, () => {
            runEvaluation(conditionAsEvaluation(c));
            runEvaluation(conditionAsDeny(c));
          });
        } else {
          it(c.name, () => runEvaluation(c));
        }
      }
    });
  }
});
