// Policy ARNs to ids within one import, each looked up once: attachments are stored by id, but the
// dump and the account's current attachments name policies by ARN.
import type { ReadRepos } from '../../store/index.ts';

export class PolicyIds {
  private readonly ids = new Map<string, string | undefined>();

  constructor(private readonly repos: ReadRepos) {}

  /** The id of the policy with this ARN, or undefined when there is none (any more). */
  async of(arn: string): Promise<string | undefined> {
    if (this.ids.has(arn)) return this.ids.get(arn);
    const id = (await this.repos.managedPolicies.byArn(arn))?.policy_id;
    this.ids.set(arn, id);
    return id;
  }

  /** Forgets an ARN whose policy was deleted or re-created. */
  forget(arn: string): void {
    this.ids.delete(arn);
  }
}
