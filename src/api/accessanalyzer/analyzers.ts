// CreateAnalyzer, GetAnalyzer, ListAnalyzers, UpdateAnalyzer and DeleteAnalyzer: the account's
// analyzers, each with its ARN `arn:aws:access-analyzer:<region>:<account>:analyzer/<name>`. A new
// analyzer computes its findings at once, after its inline archive rules are in place; an updated one
// (tracking period, exclusions) recomputes them.
import { defineAction } from '../action.ts';
import {
  analyzerArn,
  analyzerNamed,
  createAnalyzer,
  createArchiveRule,
  deleteAnalyzer,
  refreshFindings,
  updateAnalyzer,
} from '../../domain/index.ts';
import {
  analyzerConfiguration,
  analyzerSummary,
  forgetAnalyzer,
  page,
  pendingUses,
} from './analyzer-scope.ts';

export const CreateAnalyzer = defineAction({
  service: 'accessanalyzer',
  name: 'CreateAnalyzer',
  resource: (input, ctx) => analyzerArn(ctx.request.region, ctx.accountId, input.analyzerName),
  async handle(input, ctx) {
    await ctx.services.accessActivity?.flush();
    const row = await ctx.services.store.write(ctx.accountId, async (repos) => {
      const analyzer = await createAnalyzer(
        repos,
        ctx.accountId,
        ctx.request.region,
        {
          name: input.analyzerName,
          type: input.type,
          unusedAccessAge: input.configuration?.unusedAccess?.unusedAccessAge,
          analysisRule: input.configuration?.unusedAccess?.analysisRule,
          tags: input.tags,
        },
        ctx.now,
      );
      for (const rule of input.archiveRules ?? [])
        await createArchiveRule(repos, analyzer.arn, rule.ruleName, rule.filter, ctx.now);
      await refreshFindings(repos, analyzer, ctx.now, pendingUses(ctx));
      return analyzer;
    });
    return { arn: row.arn };
  },
});

export const GetAnalyzer = defineAction({
  service: 'accessanalyzer',
  name: 'GetAnalyzer',
  resource: (input, ctx) => analyzerArn(ctx.request.region, ctx.accountId, input.analyzerName),
  async handle(input, ctx) {
    const row = await ctx.services.store.read((repos) =>
      analyzerNamed(repos, ctx.accountId, input.analyzerName),
    );
    return { analyzer: analyzerSummary(row) };
  },
});

export const ListAnalyzers = defineAction({
  service: 'accessanalyzer',
  name: 'ListAnalyzers',
  resource: () => '*',
  async handle(input, ctx) {
    const rows = await ctx.services.store.read((repos) => repos.analyzerFindings.analyzers(ctx.accountId));
    const matching = rows.filter((r) => input.type === undefined || r.type === input.type);
    const { items, nextToken } = page(matching, input.nextToken, input.maxResults, 100);
    return { analyzers: items.map(analyzerSummary), ...(nextToken ? { nextToken } : {}) };
  },
});

export const UpdateAnalyzer = defineAction({
  service: 'accessanalyzer',
  name: 'UpdateAnalyzer',
  resource: (input, ctx) => analyzerArn(ctx.request.region, ctx.accountId, input.analyzerName),
  async handle(input, ctx) {
    await ctx.services.accessActivity?.flush();
    const unused = input.configuration?.unusedAccess;
    const row = await ctx.services.store.write(ctx.accountId, async (repos) => {
      const updated = await updateAnalyzer(repos, ctx.accountId, input.analyzerName, {
        ...(unused?.unusedAccessAge !== undefined ? { unusedAccessAge: unused.unusedAccessAge } : {}),
        ...(unused?.analysisRule !== undefined ? { analysisRule: unused.analysisRule } : {}),
      });
      await refreshFindings(repos, updated, ctx.now, pendingUses(ctx));
      return updated;
    });
    return { configuration: analyzerConfiguration(row) };
  },
});

export const DeleteAnalyzer = defineAction({
  service: 'accessanalyzer',
  name: 'DeleteAnalyzer',
  resource: (input, ctx) => analyzerArn(ctx.request.region, ctx.accountId, input.analyzerName),
  async handle(input, ctx) {
    const row = await ctx.services.store.write(ctx.accountId, (repos) =>
      deleteAnalyzer(repos, ctx.accountId, input.analyzerName),
    );
    forgetAnalyzer(ctx.services.store, row.arn);
  },
});
