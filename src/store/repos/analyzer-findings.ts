// IAM Access Analyzer's records: analyzers, their archive rules and the findings each holds. No cache
// depends on them, so writes announce nothing.
import type { Selectable, Updateable } from 'kysely';
import type { AnalyzerArchiveRulesTable, AnalyzerFindingsTable, AnalyzersTable } from '../database.ts';
import type { Db } from './db.ts';

export type AnalyzerRow = Selectable<AnalyzersTable>;
export type ArchiveRuleRow = Selectable<AnalyzerArchiveRulesTable>;
export type AnalyzerFindingRow = Selectable<AnalyzerFindingsTable>;

/** Reading analyzers, archive rules and findings. */
export interface AnalyzerFindingReader {
  analyzer(accountId: string, name: string): Promise<AnalyzerRow | undefined>;
  analyzerByArn(arn: string): Promise<AnalyzerRow | undefined>;
  /** The account's analyzers, ordered by name. */
  analyzers(accountId: string): Promise<AnalyzerRow[]>;
  archiveRule(analyzerArn: string, ruleName: string): Promise<ArchiveRuleRow | undefined>;
  /** An analyzer's archive rules, ordered by name. */
  archiveRules(analyzerArn: string): Promise<ArchiveRuleRow[]>;
  finding(analyzerArn: string, findingId: string): Promise<AnalyzerFindingRow | undefined>;
  /** Every finding an analyzer holds, whatever its status, ordered by id. */
  findings(analyzerArn: string): Promise<AnalyzerFindingRow[]>;
  /** When the finding's recommendation was asked for, if it was. */
  recommendationStarted(analyzerArn: string, findingId: string): Promise<string | undefined>;
}

/** Analyzers, archive rules and findings, read and written. */
export interface AnalyzerFindingRepo extends AnalyzerFindingReader {
  insertAnalyzer(row: AnalyzerRow): Promise<void>;
  /** Changes an analyzer's unused-access age, analysis rule or tags. */
  updateAnalyzer(
    arn: string,
    patch: Pick<Updateable<AnalyzersTable>, 'unused_access_age' | 'analysis_rule' | 'tags'>,
  ): Promise<void>;
  /** Deletes the analyzer with its archive rules and findings. */
  deleteAnalyzer(accountId: string, name: string): Promise<void>;
  insertArchiveRule(row: ArchiveRuleRow): Promise<void>;
  updateArchiveRule(analyzerArn: string, ruleName: string, filter: string, updatedAt: string): Promise<void>;
  deleteArchiveRule(analyzerArn: string, ruleName: string): Promise<void>;
  insertFinding(row: AnalyzerFindingRow): Promise<void>;
  /** Records (again) that the finding's recommendation was asked for at `at`. */
  startRecommendation(analyzerArn: string, findingId: string, at: string): Promise<void>;
  updateFinding(
    analyzerArn: string,
    findingId: string,
    patch: Updateable<AnalyzerFindingsTable>,
  ): Promise<void>;
}

export function analyzerFindingRepo(db: Db): AnalyzerFindingRepo {
  return {
    analyzer: (accountId, name) =>
      db
        .selectFrom('analyzers')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .executeTakeFirst(),
    analyzerByArn: (arn) => db.selectFrom('analyzers').selectAll().where('arn', '=', arn).executeTakeFirst(),
    analyzers: (accountId) =>
      db.selectFrom('analyzers').selectAll().where('account_id', '=', accountId).orderBy('name').execute(),
    archiveRule: (analyzerArn, ruleName) =>
      db
        .selectFrom('analyzer_archive_rules')
        .selectAll()
        .where('analyzer_arn', '=', analyzerArn)
        .where('rule_name', '=', ruleName)
        .executeTakeFirst(),
    archiveRules: (analyzerArn) =>
      db
        .selectFrom('analyzer_archive_rules')
        .selectAll()
        .where('analyzer_arn', '=', analyzerArn)
        .orderBy('rule_name')
        .execute(),
    finding: (analyzerArn, findingId) =>
      db
        .selectFrom('analyzer_findings')
        .selectAll()
        .where('analyzer_arn', '=', analyzerArn)
        .where('finding_id', '=', findingId)
        .executeTakeFirst(),
    findings: (analyzerArn) =>
      db
        .selectFrom('analyzer_findings')
        .selectAll()
        .where('analyzer_arn', '=', analyzerArn)
        .orderBy('finding_id')
        .execute(),
    async insertAnalyzer(row) {
      await db.insertInto('analyzers').values(row).execute();
    },
    async updateAnalyzer(arn, patch) {
      await db.updateTable('analyzers').set(patch).where('arn', '=', arn).execute();
    },
    async deleteAnalyzer(accountId, name) {
      const row = await db
        .selectFrom('analyzers')
        .select('arn')
        .where('account_id', '=', accountId)
        .where('name', '=', name)
        .executeTakeFirst();
      if (!row) return;
      await db.deleteFrom('finding_recommendations').where('analyzer_arn', '=', row.arn).execute();
      await db.deleteFrom('analyzer_findings').where('analyzer_arn', '=', row.arn).execute();
      await db.deleteFrom('analyzer_archive_rules').where('analyzer_arn', '=', row.arn).execute();
      await db.deleteFrom('analyzers').where('arn', '=', row.arn).execute();
    },
    async recommendationStarted(analyzerArn, findingId) {
      const r = await db
        .selectFrom('finding_recommendations')
        .select('started_at')
        .where('analyzer_arn', '=', analyzerArn)
        .where('finding_id', '=', findingId)
        .executeTakeFirst();
      return r?.started_at;
    },
    async startRecommendation(analyzerArn, findingId, at) {
      await db
        .insertInto('finding_recommendations')
        .values({ analyzer_arn: analyzerArn, finding_id: findingId, started_at: at })
        .onConflict((oc) => oc.columns(['analyzer_arn', 'finding_id']).doUpdateSet({ started_at: at }))
        .execute();
    },
    async insertArchiveRule(row) {
      await db.insertInto('analyzer_archive_rules').values(row).execute();
    },
    async updateArchiveRule(analyzerArn, ruleName, filter, updatedAt) {
      await db
        .updateTable('analyzer_archive_rules')
        .set({ filter, updated_at: updatedAt })
        .where('analyzer_arn', '=', analyzerArn)
        .where('rule_name', '=', ruleName)
        .execute();
    },
    async deleteArchiveRule(analyzerArn, ruleName) {
      await db
        .deleteFrom('analyzer_archive_rules')
        .where('analyzer_arn', '=', analyzerArn)
        .where('rule_name', '=', ruleName)
        .execute();
    },
    async insertFinding(row) {
      await db.insertInto('analyzer_findings').values(row).execute();
    },
    async updateFinding(analyzerArn, findingId, patch) {
      await db
        .updateTable('analyzer_findings')
        .set(patch)
        .where('analyzer_arn', '=', analyzerArn)
        .where('finding_id', '=', findingId)
        .execute();
    },
  };
}
