// GetCredentialReport: the account's credential report as CSV (base64 on the wire), while it is
// younger than four hours; ReportNotPresent before the first GenerateCredentialReport, ReportExpired
// after.
import { defineAction } from '../action.ts';
import { getCredentialReport } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

export const GetCredentialReport = defineAction({
  service: 'iam',
  name: 'GetCredentialReport',
  resource: () => ACCOUNT_WIDE,
  async handle(_input, ctx) {
    const report = await ctx.services.store.read((repos) =>
      getCredentialReport(repos, ctx.accountId, ctx.now),
    );
    return {
      Content: Buffer.from(report.content, 'utf8'),
      ReportFormat: 'text/csv' as const,
      GeneratedTime: report.generatedAt,
    };
  },
});
