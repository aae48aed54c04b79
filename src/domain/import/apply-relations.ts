// What hangs off an imported entity, brought to what the dump says by writing only the difference:
// inline policies, attached managed policies, group memberships, tags, and an instance profile's role.
// Each method answers whether it changed anything.
import type { AttachableEntity, Change, Repos, TagPair } from '../../store/index.ts';
import type { CurrentAccount } from './current-state.ts';
import type { DesiredInlinePolicy } from './desired-state.ts';
import type { PolicyIds } from './policy-ids.ts';

type Tagged = 'user' | 'role' | 'instance-profile';

const sameTags = (a: readonly TagPair[], b: readonly TagPair[]) =>
  a.length === b.length && a.every((t, i) => t.Key === b[i]!.Key && t.Value === b[i]!.Value);

export class Relations {
  constructor(
    private readonly repos: Repos,
    private readonly accountId: string,
    private readonly current: CurrentAccount,
    private readonly policyIds: PolicyIds,
    /** When attachments and memberships are made (ISO 8601). */
    private readonly at: string,
  ) {}

  private change(entity: Change['entity'], id: string): Change {
    return { accountId: this.accountId, entity, id };
  }

  async inline(type: AttachableEntity, id: string, wanted: readonly DesiredInlinePolicy[]): Promise<boolean> {
    const have = this.current.inline[type].get(id) ?? [];
    let changed = false;
    const wantedNames = new Set(wanted.map((p) => p.name.toLowerCase()));
    for (const p of have)
      if (!wantedNames.has(p.policyName.toLowerCase())) {
        await this.repos.inlinePolicies.delete(this.change(type, id), type, id, p.policyName);
        changed = true;
      }
    for (const p of wanted) {
      const old = have.find((h) => h.policyName.toLowerCase() === p.name.toLowerCase());
      if (old?.policyName === p.name && old.document === p.document) continue;
      await this.repos.inlinePolicies.put(this.change(type, id), type, id, p.name, p.document);
      changed = true;
    }
    return changed;
  }

  async attached(type: AttachableEntity, id: string, wanted: readonly string[]): Promise<boolean> {
    const have = this.current.attached[type].get(id) ?? [];
    let changed = false;
    for (const arn of have)
      if (!wanted.includes(arn)) {
        const policyId = await this.policyIds.of(arn);
        if (policyId) await this.repos.managedPolicies.detach(this.accountId, policyId, type, id);
        changed = true;
      }
    for (const arn of wanted)
      if (!have.includes(arn)) {
        const policyId = await this.policyIds.of(arn);
        // every policy the dump uses was stored before any entity (customer) or made present (AWS)
        if (!policyId) throw new Error(`policy ${arn} is missing during the import`);
        await this.repos.managedPolicies.attach(this.accountId, policyId, type, id, this.at);
        changed = true;
      }
    return changed;
  }

  async tags(type: Tagged, id: string, wanted: readonly TagPair[]): Promise<boolean> {
    const have = this.current.tags[type].get(id) ?? [];
    if (sameTags(have, wanted)) return false;
    const change = this.change(type, id);
    if (wanted.length === 0)
      await this.repos.tags.remove(
        change,
        type,
        id,
        have.map((t) => t.Key),
      );
    else {
      // rewritten whole, so that the tags keep the dump's order
      await this.repos.tags.removeAll(type, id);
      await this.repos.tags.put(change, type, id, wanted);
    }
    return true;
  }

  async memberships(userId: string, wanted: readonly string[]): Promise<boolean> {
    const have = this.current.memberships.get(userId) ?? [];
    let changed = false;
    for (const groupId of have)
      if (!wanted.includes(groupId)) {
        await this.repos.groups.removeMember(this.accountId, groupId, userId);
        changed = true;
      }
    for (const groupId of wanted)
      if (!have.includes(groupId)) {
        await this.repos.groups.addMember(this.accountId, groupId, userId, this.at);
        changed = true;
      }
    return changed;
  }

  async profileRole(profileId: string, roleId: string): Promise<boolean> {
    const have = this.current.profileRoles.get(profileId) ?? [];
    if (have.length === 1 && have[0] === roleId) return false;
    for (const old of have) await this.repos.instanceProfiles.removeRole(this.accountId, profileId, old);
    await this.repos.instanceProfiles.addRole(this.accountId, profileId, roleId);
    return true;
  }
}
