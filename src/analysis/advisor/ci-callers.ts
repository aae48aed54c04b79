// Telling CI jobs from people in the audit trail: a user agent naming a CI system (GitHub Actions,
// GitLab, Jenkins, CircleCI … or the SDKs' `exec-env/` marker of a build service), or the AWS CLI /
// an AWS SDK calling from many source IPs (ephemeral build machines).
import type { SnapshotEvent } from './account-snapshot.ts';

/** User-agent fragments of CI systems and of the actions and plugins they run. */
const CI_AGENT =
  /github[-_ ]?actions|configure-aws-credentials|gitlab|jenkins|circleci|travis|buildkite|bitbucket[-_ ]?pipelines|teamcity|azure[-_ ]?pipelines|drone|exec-env\/(?:AWS_ECS_EC2|CodeBuild|GitHub|GitLab)|\bci\//i;

/** The AWS CLI and the AWS SDKs. */
const AWS_TOOL = /aws-cli\/|aws-sdk-|boto3\/|botocore\/|aws-sdk-go|aws-sdk-java/i;

/** Distinct source IPs of AWS CLI/SDK calls from which a user's keys look used by machines. */
export const CI_MIN_SOURCE_IPS = 3;

/** Why the events look made by CI, or undefined when they do not. */
export function ciCaller(events: readonly SnapshotEvent[]): string | undefined {
  const ci = events.filter((e) => CI_AGENT.test(e.userAgent));
  if (ci.length > 0)
    return `${ci.length} call(s) with a CI user agent, last ${ci[0]!.eventName} at ${ci[0]!.eventTime} from ${ci[0]!.sourceIp} with "${ci[0]!.userAgent}"`;
  const tools = events.filter((e) => AWS_TOOL.test(e.userAgent));
  const ips = [...new Set(tools.map((e) => e.sourceIp))];
  if (ips.length >= CI_MIN_SOURCE_IPS)
    return `${tools.length} AWS CLI/SDK call(s) from ${ips.length} source IPs (${ips.slice(0, 5).join(', ')}${ips.length > 5 ? ', …' : ''})`;
  return undefined;
}
