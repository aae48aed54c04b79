// GenerateServiceLastAccessedDetails: a report on when a user, group, role or managed policy was last
// used to attempt each service its policies allow, computed at once and kept under a new JobId.
import { randomUUID } from 'node:crypto';
import { defineAction } from '../action.ts';
import { activityOf, computeLastAccessedReport } from '../../audit/index.ts';
import { lastAccessedSubject } from '../../domain/index.ts';

export const GenerateServiceLastAccessedDetails = defineAction({
  service: 'iam',
  name: 'GenerateServiceLastAccessedDetails',
  // the Service Authorization Reference: on the user, group, role or policy the report is about
  resource: (input) => input.Arn,
  async handle(input, ctx) {
    const { store, accessActivity, clock } = ctx.services;
    const granularity = input.Granularity ?? 'SERVICE_LEVEL';
    const subject = await store.read((repos) =>
      lastAccessedSubject(repos, ctx.accountId, input.Arn, ['user', 'group', 'role', 'policy']),
    );
    const activity = await activityOf(
      store,
      accessActivity,
      ctx.accountId,
      subject.entities.map((e) => e.arn),
    );
    const report = await computeLastAccessedReport(subject, activity, granularity);
    const jobId = randomUUID();
    await store.write(ctx.accountId, (repos) =>
      repos.lastAccessedJobs.insert({
        jobId,
        accountId: ctx.accountId,
        arn: subject.arn,
        granularity,
        createdAt: ctx.now.toISOString(),
        completedAt: clock.now().toISOString(),
        result: JSON.stringify(report),
      }),
    );
    return { JobId: jobId };
  },
});
