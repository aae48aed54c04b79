// GenerateCredentialReport: makes the account's credential report unless one younger than four hours
// exists. Tessera builds it within the call, so the first call answers STARTED (as AWS's first call
// does) and the report is already there for GetCredentialReport; later calls answer COMPLETE.
import { defineAction } from '../action.ts';
import { generateCredentialReport } from '../../domain/index.ts';
import { ACCOUNT_WIDE } from './resource-arns.ts';

/** AWS's Description of a newly started report. */
const STARTED_DESCRIPTION = 'No report exists. Starting a new report generation task';

export const GenerateCredentialReport = defineAction({
  service: 'iam',
  name: 'GenerateCredentialReport',
  resource: () => ACCOUNT_WIDE,
  async handle(_input, ctx) {
    const { store, lastUsed } = ctx.services;
    // access-key uses still buffered in memory count, as GetAccessKeyLastUsed counts them
    const pending = lastUsed ? (accessKeyId: string) => lastUsed.peek(accessKeyId) : undefined;
    const state = await store.write(ctx.accountId, (repos) =>
      generateCredentialReport(repos, ctx.accountId, ctx.now, pending),
    );
    return state === 'STARTED' ? { State: state, Description: STARTED_DESCRIPTION } : { State: state };
  },
});
