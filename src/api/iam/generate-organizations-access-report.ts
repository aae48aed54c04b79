// GenerateOrganizationsAccessReport: for an entity of the caller's organization (root, OU or account,
// by path) and optionally one SCP, the services its SCPs allow with the last attempt by principals of
// the accounts in scope; computed at once and kept under a new JobId (see the report's module).
import { randomUUID } from 'node:crypto';
import { defineAction } from '../action.ts';
import { computeOrganizationsAccessReport, ORGANIZATIONS_REPORT_SUBJECT } from '../../audit/index.ts';

export const GenerateOrganizationsAccessReport = defineAction({
  service: 'iam',
  name: 'GenerateOrganizationsAccessReport',
  // the Service Authorization Reference's access-report resource, named by the entity path
  resource: (input, ctx) => `arn:aws:iam::${ctx.accountId}:access-report/${input.EntityPath}`,
  async handle(input, ctx) {
    const { store, accessActivity, clock } = ctx.services;
    const report = await computeOrganizationsAccessReport(
      store,
      accessActivity,
      ctx.accountId,
      input.EntityPath,
      input.OrganizationsPolicyId,
    );
    const jobId = randomUUID();
    await store.write(ctx.accountId, (repos) =>
      repos.lastAccessedJobs.insert({
        jobId,
        accountId: ctx.accountId,
        arn: `${ORGANIZATIONS_REPORT_SUBJECT}${input.EntityPath}`,
        granularity: 'SERVICE_LEVEL',
        createdAt: ctx.now.toISOString(),
        completedAt: clock.now().toISOString(),
        result: JSON.stringify(report),
      }),
    );
    return { JobId: jobId };
  },
});
