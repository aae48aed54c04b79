// Access Analyzer's custom policy checks (CheckAccessNotGranted, CheckNoNewAccess, CheckNoPublicAccess):
// the policy engine decides them (src/policy/access-checks.ts); a policy it cannot read is AWS's
// InvalidParameterException.
import { defineAction } from '../action.ts';
import { AwsError } from '../../errors.ts';
import {
  checkAccessNotGranted,
  checkNoNewAccess,
  checkNoPublicAccess,
  UnreadablePolicy,
  type AccessCheckResult,
} from '../../policy/index.ts';

function run(check: () => AccessCheckResult): AccessCheckResult {
  try {
    return check();
  } catch (err) {
    if (err instanceof UnreadablePolicy) throw new AwsError('InvalidParameterException', err.message);
    throw err;
  }
}

export const CheckAccessNotGranted = defineAction({
  service: 'accessanalyzer',
  name: 'CheckAccessNotGranted',
  resource: () => '*',
  async handle(input) {
    if (input.access.some((a) => !a.actions?.length && !a.resources?.length))
      throw new AwsError('ValidationError', 'Each access entry must name actions or resources.', {
        fields: { reason: 'fieldValidationFailed' },
      });
    return run(() => checkAccessNotGranted(input.policyDocument, input.access, input.policyType));
  },
});

export const CheckNoNewAccess = defineAction({
  service: 'accessanalyzer',
  name: 'CheckNoNewAccess',
  resource: () => '*',
  async handle(input) {
    return run(() =>
      checkNoNewAccess(input.newPolicyDocument, input.existingPolicyDocument, input.policyType),
    );
  },
});

export const CheckNoPublicAccess = defineAction({
  service: 'accessanalyzer',
  name: 'CheckNoPublicAccess',
  resource: () => '*',
  async handle(input) {
    return run(() => checkNoPublicAccess(input.policyDocument));
  },
});
