// The advisor: the background article's guidance (roles over users, no root use, rotate or remove
// long-lived keys, least privilege) as findings on an account, with evidence, fixes and a score.
import type { Store } from '../../store/index.ts';
import { loadAccountSnapshot, type PendingUse } from './account-snapshot.ts';
import { type Advice, type AdviceOptions, DEFAULT_ADVICE_OPTIONS } from './advice.ts';
import { runAdviceRules } from './advice-rules.ts';
import { type PostureScore, postureScore } from './posture-score.ts';

export type { AccountSnapshot, PendingUse, SnapshotEvent } from './account-snapshot.ts';
export { loadAccountSnapshot } from './account-snapshot.ts';
export type { Advice, AdviceOptions, Fix, Severity } from './advice.ts';
export { atLeast, DEFAULT_ADVICE_OPTIONS, isSeverity, SEVERITIES } from './advice.ts';
export type { AdviceRule } from './advice-rules.ts';
export { ADVICE_RULES, runAdviceRules } from './advice-rules.ts';
export type { PostureScore, ScoreDeduction } from './posture-score.ts';
export { explainScore, postureScore, SEVERITY_POINTS } from './posture-score.ts';
export type { AdviceFormat, AccountAdvice, AdviceSummary } from './advice-formats.ts';
export { ADVICE_FORMATS, formatAdvice, summarizeAdvice, summaryLine } from './advice-formats.ts';

export interface AdviseInput {
  now: Date;
  options?: Partial<AdviceOptions>;
  /** Run only these rules (by id). */
  rules?: readonly string[];
  pending?: PendingUse;
}

/** Reads an account from the store and runs the rules on it: the findings and the score. */
export async function adviseAccount(
  store: Store,
  accountId: string,
  input: AdviseInput,
): Promise<{ accountId: string; findings: Advice[]; score: PostureScore; eventsTruncated: boolean }> {
  const options = { ...DEFAULT_ADVICE_OPTIONS, ...input.options };
  const snapshot = await loadAccountSnapshot(store, accountId, {
    now: input.now,
    windowDays: options.unusedDays,
    ...(input.pending ? { pending: input.pending } : {}),
  });
  const findings = runAdviceRules(snapshot, options, input.rules);
  return { accountId, findings, score: postureScore(findings), eventsTruncated: snapshot.eventsTruncated };
}
