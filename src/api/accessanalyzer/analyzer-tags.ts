// TagResource, UntagResource and ListTagsForResource for Access Analyzer: the tags of the caller's
// analyzers (the only taggable Access Analyzer resource), named by ARN; any other ARN is not found.
import { defineAction } from '../action.ts';
import { analyzerWithArn, tagAnalyzer, untagAnalyzer } from '../../domain/index.ts';

export const TagResource = defineAction({
  service: 'accessanalyzer',
  name: 'TagResource',
  resource: (input) => input.resourceArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) =>
      tagAnalyzer(repos, await analyzerWithArn(repos, ctx.accountId, input.resourceArn), input.tags),
    );
    return {};
  },
});

export const UntagResource = defineAction({
  service: 'accessanalyzer',
  name: 'UntagResource',
  resource: (input) => input.resourceArn,
  async handle(input, ctx) {
    await ctx.services.store.write(ctx.accountId, async (repos) =>
      untagAnalyzer(repos, await analyzerWithArn(repos, ctx.accountId, input.resourceArn), input.tagKeys),
    );
    return {};
  },
});

export const ListTagsForResource = defineAction({
  service: 'accessanalyzer',
  name: 'ListTagsForResource',
  resource: (input) => input.resourceArn,
  async handle(input, ctx) {
    const row = await ctx.services.store.read((repos) =>
      analyzerWithArn(repos, ctx.accountId, input.resourceArn),
    );
    return { tags: JSON.parse(row.tags) as Record<string, string> };
  },
});
