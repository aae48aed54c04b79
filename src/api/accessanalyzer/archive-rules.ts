// Archive rules of an analyzer: CreateArchiveRule, GetArchiveRule, ListArchiveRules,
// UpdateArchiveRule, DeleteArchiveRule, and ApplyArchiveRule (archives the matching ACTIVE findings).
// New findings that a rule matches are archived as they appear (src/domain/analyzer/findings.ts).
import { defineAction, type ActionContext } from '../action.ts';
import {
  analyzerArn,
  analyzerNamed,
  applyArchiveRule,
  archiveRuleNamed,
  createArchiveRule,
  deleteArchiveRule,
  parseFilter,
  updateArchiveRule,
} from '../../domain/index.ts';
import type { ArchiveRuleRow } from '../../store/index.ts';
import type { Analyzer } from '../../protocol/index.ts';
import { page, refreshedAnalyzer } from './analyzer-scope.ts';

const ruleSummary = (row: ArchiveRuleRow): Analyzer.ArchiveRuleSummary => ({
  ruleName: row.rule_name,
  filter: parseFilter(row),
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

const arnOf = (name: string, ctx: ActionContext) => analyzerArn(ctx.request.region, ctx.accountId, name);

export const CreateArchiveRule = defineAction({
  service: 'accessanalyzer',
  name: 'CreateArchiveRule',
  resource: (input, ctx) => arnOf(input.analyzerName, ctx),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const analyzer = await analyzerNamed(repos, ctx.accountId, input.analyzerName);
      await createArchiveRule(repos, analyzer.arn, input.ruleName, input.filter, ctx.now);
    });
  },
});

export const GetArchiveRule = defineAction({
  service: 'accessanalyzer',
  name: 'GetArchiveRule',
  resource: (input, ctx) => arnOf(input.analyzerName, ctx),
  async handle(input, ctx) {
    const row = await ctx.services.store.read(async (repos) => {
      const analyzer = await analyzerNamed(repos, ctx.accountId, input.analyzerName);
      return archiveRuleNamed(repos, analyzer.arn, input.ruleName);
    });
    return { archiveRule: ruleSummary(row) };
  },
});

export const ListArchiveRules = defineAction({
  service: 'accessanalyzer',
  name: 'ListArchiveRules',
  resource: (input, ctx) => arnOf(input.analyzerName, ctx),
  async handle(input, ctx) {
    const rows = await ctx.services.store.read(async (repos) => {
      const analyzer = await analyzerNamed(repos, ctx.accountId, input.analyzerName);
      return repos.analyzerFindings.archiveRules(analyzer.arn);
    });
    const { items, nextToken } = page(rows, input.nextToken, input.maxResults, 100);
    return { archiveRules: items.map(ruleSummary), ...(nextToken ? { nextToken } : {}) };
  },
});

export const UpdateArchiveRule = defineAction({
  service: 'accessanalyzer',
  name: 'UpdateArchiveRule',
  resource: (input, ctx) => arnOf(input.analyzerName, ctx),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const analyzer = await analyzerNamed(repos, ctx.accountId, input.analyzerName);
      await updateArchiveRule(repos, analyzer.arn, input.ruleName, input.filter, ctx.now);
    });
  },
});

export const DeleteArchiveRule = defineAction({
  service: 'accessanalyzer',
  name: 'DeleteArchiveRule',
  resource: (input, ctx) => arnOf(input.analyzerName, ctx),
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      const analyzer = await analyzerNamed(repos, ctx.accountId, input.analyzerName);
      await deleteArchiveRule(repos, analyzer.arn, input.ruleName);
    });
  },
});

export const ApplyArchiveRule = defineAction({
  service: 'accessanalyzer',
  name: 'ApplyArchiveRule',
  resource: (input) => input.analyzerArn,
  async handle(input, ctx) {
    const analyzer = await refreshedAnalyzer(ctx, input.analyzerArn);
    await ctx.services.store.write(ctx.accountId, (repos) =>
      applyArchiveRule(repos, analyzer.arn, input.ruleName, ctx.now),
    );
  },
});
