// GenerateFindingRecommendation and GetFindingRecommendation: for an UnusedPermission finding, the
// steps that narrow the user's or role's own policies to the services it used
// (src/domain/analyzer/recommendations.ts), computed from the account as it is when asked.
import { defineAction } from '../action.ts';
import {
  findingWithId,
  requireRecommendable,
  resourceNotFound,
  unusedPermissionSteps,
} from '../../domain/index.ts';
import { page, refreshedAnalyzer } from './analyzer-scope.ts';

export const GenerateFindingRecommendation = defineAction({
  service: 'accessanalyzer',
  name: 'GenerateFindingRecommendation',
  resource: (input) => input.analyzerArn,
  async handle(input, ctx) {
    const analyzer = await refreshedAnalyzer(ctx, input.analyzerArn);
    await ctx.services.store.write(ctx.accountId, async (repos) => {
      requireRecommendable(await findingWithId(repos, analyzer, input.id));
      await repos.analyzerFindings.startRecommendation(analyzer.arn, input.id, ctx.now.toISOString());
    });
  },
});

export const GetFindingRecommendation = defineAction({
  service: 'accessanalyzer',
  name: 'GetFindingRecommendation',
  resource: (input) => input.analyzerArn,
  async handle(input, ctx) {
    const analyzer = await refreshedAnalyzer(ctx, input.analyzerArn);
    const { finding, startedAt, steps } = await ctx.services.store.read(async (repos) => {
      const finding = await findingWithId(repos, analyzer, input.id);
      const startedAt = await repos.analyzerFindings.recommendationStarted(analyzer.arn, input.id);
      if (startedAt === undefined)
        throw resourceNotFound(
          `No recommendation was generated for finding ${input.id}.`,
          input.id,
          'Finding',
        );
      return {
        finding,
        startedAt,
        steps: await unusedPermissionSteps(repos, finding.resource_owner_account, finding),
      };
    });
    const { items, nextToken } = page(steps, input.nextToken, input.maxResults, 1000);
    return {
      startedAt: new Date(startedAt),
      completedAt: new Date(startedAt),
      resourceArn: finding.resource,
      recommendationType: 'UnusedPermissionRecommendation' as const,
      status: 'SUCCEEDED' as const,
      recommendedSteps: items.map((step) => ({ unusedPermissionsRecommendedStep: step })),
      ...(nextToken ? { nextToken } : {}),
    };
  },
});
