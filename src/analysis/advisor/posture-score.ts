// An account's posture score, 0–100, that explains itself: each rule with findings costs points by
// its severity for each finding, up to a cap per rule (so a hundred unused keys do not hide a root
// key), and the explanation lists what cost how much.
import { type Advice, type Severity, SEVERITIES } from './advice.ts';

/** Points one finding of each severity costs. */
export const SEVERITY_POINTS: Readonly<Record<Severity, number>> = {
  critical: 25,
  high: 10,
  medium: 4,
  low: 1,
};

/** Findings of one rule count up to this many times. */
export const FINDINGS_COUNTED_PER_RULE = 3;

export interface ScoreDeduction {
  ruleId: string;
  severity: Severity;
  findings: number;
  points: number;
}

export interface PostureScore {
  score: number;
  /** What cost points, most costly first. */
  deductions: ScoreDeduction[];
}

export function postureScore(findings: readonly Advice[]): PostureScore {
  const byRule = new Map<string, ScoreDeduction>();
  for (const f of findings) {
    const d = byRule.get(f.ruleId) ?? { ruleId: f.ruleId, severity: f.severity, findings: 0, points: 0 };
    d.findings += 1;
    d.points = SEVERITY_POINTS[d.severity] * Math.min(d.findings, FINDINGS_COUNTED_PER_RULE);
    byRule.set(f.ruleId, d);
  }
  const deductions = [...byRule.values()].sort(
    (a, b) =>
      b.points - a.points ||
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  const lost = deductions.reduce((sum, d) => sum + d.points, 0);
  return { score: Math.max(0, 100 - lost), deductions };
}

/** One line per deduction: `-25 root-access-keys: 1 critical finding × 25`. */
export function explainScore(score: PostureScore): string[] {
  return score.deductions.map((d) => {
    const counted = Math.min(d.findings, FINDINGS_COUNTED_PER_RULE);
    const capped = d.findings > counted ? ` (${d.findings} found, ${counted} counted)` : '';
    return `-${d.points} ${d.ruleId}: ${counted} ${d.severity} finding${counted === 1 ? '' : 's'} × ${SEVERITY_POINTS[d.severity]}${capped}`;
  });
}
