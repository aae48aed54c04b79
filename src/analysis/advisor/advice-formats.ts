// The advisor's output: text for people, JSON for scripts, and SARIF 2.1.0 for code-scanning tools
// (one run, the rules in its tool driver, each finding a result located at the entity's ARN).
// https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
import { type Advice, type Severity, SEVERITIES } from './advice.ts';
import { ADVICE_RULES } from './advice-rules.ts';
import { explainScore, type PostureScore } from './posture-score.ts';

export type AdviceFormat = 'text' | 'json' | 'sarif';
export const ADVICE_FORMATS: readonly AdviceFormat[] = ['text', 'json', 'sarif'];

/** One account's advice: its findings and its score. */
export interface AccountAdvice {
  accountId: string;
  findings: Advice[];
  score: PostureScore;
}

/** Totals over the accounts advised: findings by severity and the lowest score. */
export interface AdviceSummary {
  accounts: number;
  findings: number;
  bySeverity: Record<Severity, number>;
  /** The account with the lowest posture score (the first by id on a tie). */
  lowest?: { accountId: string; score: number };
}

export function summarizeAdvice(accounts: readonly AccountAdvice[]): AdviceSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of accounts.flatMap((a) => a.findings)) bySeverity[f.severity] += 1;
  const lowest = [...accounts].sort(
    (a, b) => a.score.score - b.score.score || a.accountId.localeCompare(b.accountId),
  )[0];
  return {
    accounts: accounts.length,
    findings: accounts.reduce((n, a) => n + a.findings.length, 0),
    bySeverity,
    ...(lowest ? { lowest: { accountId: lowest.accountId, score: lowest.score.score } } : {}),
  };
}

/** `3 accounts: 7 findings (1 critical, 2 high, 3 medium, 1 low); lowest posture score 45/100 (account …)`. */
export function summaryLine(s: AdviceSummary): string {
  const counts = SEVERITIES.map((sev) => `${s.bySeverity[sev]} ${sev}`).join(', ');
  const lowest = s.lowest
    ? `; lowest posture score ${s.lowest.score}/100 (account ${s.lowest.accountId})`
    : '';
  return `${s.accounts} account${s.accounts === 1 ? '' : 's'}: ${s.findings} finding${s.findings === 1 ? '' : 's'} (${counts})${lowest}`;
}

const indent = (text: string, by: string) =>
  text
    .split('\n')
    .map((l) => by + l)
    .join('\n');

function textOf(accounts: readonly AccountAdvice[]): string {
  const out: string[] = [];
  for (const a of accounts) {
    out.push(`Account ${a.accountId}: posture score ${a.score.score}/100`);
    for (const line of explainScore(a.score)) out.push(`  ${line}`);
    if (a.findings.length === 0) out.push('  No findings.');
    for (const f of a.findings) {
      out.push(
        '',
        `[${f.severity.toUpperCase()}] ${f.ruleId}  ${f.entityArn}`,
        `  ${f.message}`,
        '  Evidence:',
      );
      for (const e of f.evidence) out.push(`    - ${e}`);
      out.push(`  Fix: ${f.fix.summary}`);
      for (const [file, policy] of Object.entries(f.fix.policies))
        out.push(`    write ${file}:`, indent(JSON.stringify(policy, null, 2), '      '));
      for (const c of f.fix.commands) out.push(c.startsWith('#') ? `    ${c}` : `    $ ${c}`);
    }
    out.push('');
  }
  if (accounts.length > 1) out.push(summaryLine(summarizeAdvice(accounts)));
  return out.join('\n').trimEnd();
}

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/** GitHub code scanning's numeric severity (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0). */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

function sarifOf(accounts: readonly AccountAdvice[]): Record<string, unknown> {
  const rules = ADVICE_RULES.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.title },
    fullDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      severity: r.severity,
      'security-severity': SECURITY_SEVERITY[r.severity],
      tags: ['security', 'iam'],
    },
  }));
  const results = accounts.flatMap((a) =>
    a.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ADVICE_RULES.findIndex((r) => r.id === f.ruleId),
      level: LEVEL[f.severity],
      message: { text: `${f.message} Fix: ${f.fix.summary}` },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: f.entityArn } },
          logicalLocations: [{ fullyQualifiedName: f.entityArn, kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'tesseraFinding/v1': `${f.ruleId}:${f.entityArn}:${f.message}` },
      properties: { severity: f.severity, accountId: f.accountId, evidence: f.evidence, fix: f.fix },
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tessera-advisor', rules } },
        results,
        properties: {
          postureScores: accounts.map((a) => ({ accountId: a.accountId, ...a.score })),
          summary: summarizeAdvice(accounts),
        },
      },
    ],
  };
}

/** The advice of one or more accounts in a format. */
export function formatAdvice(format: AdviceFormat, accounts: readonly AccountAdvice[]): string {
  switch (format) {
    case 'text':
      return textOf(accounts);
    case 'json':
      return JSON.stringify({ accounts, summary: summarizeAdvice(accounts) }, null, 2);
    case 'sarif':
      return JSON.stringify(sarifOf(accounts), null, 2);
  }
}
