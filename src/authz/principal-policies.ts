// The policies that apply to a principal — identity policies (its own and its groups'), its
// permissions boundary and its session policies (for an AssumeRoot session, its task policy) —
// compiled and cached per principal, and dropped when anything in the principal's account changes.
// Session policies are cached too: a managed policy given by ARN with its owner's account (dropped
// when that account changes), an inline one by its text (the last few hundred, compiled once).
import { compilePolicy, type CompiledPolicy } from '../policy/index.ts';
import { rootTaskPolicy, type Principal, type SessionClaims } from '../domain/index.ts';
import type { AccountRow, Store, PolicyDocumentRow, PolicyHolder, RoleRow, UserRow } from '../store/index.ts';
import { DEFAULT_CACHE_ENTRIES } from '../config/index.ts';
import { LruMap } from '../lru-map.ts';

/** The simulator's SourcePolicyType: user, group or role for inline policies; aws- or user-managed. */
function sourceTypeOf(d: PolicyDocumentRow): string {
  if (d.kind === 'inline') return d.holderType;
  return d.sourceId.startsWith('arn:aws:iam::aws:') ? 'aws-managed' : 'user-managed';
}

export interface PrincipalPolicies {
  identity: readonly CompiledPolicy[];
  boundary?: CompiledPolicy;
  /** Tags of the user or role (aws:PrincipalTag), before session tags are applied. */
  tags: Readonly<Record<string, string>>;
}

export interface ApplicablePolicies extends PrincipalPolicies {
  /** Session policies: absent when the session was created without any. */
  session?: readonly CompiledPolicy[];
}

const ALLOWS_NOTHING =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"*","Resource":"*"}]}';
const DENIES_ALL = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}';
const ROOT_FEDERATION: PrincipalPolicies = Object.freeze({
  identity: Object.freeze([
    compile(
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
      'root',
      'root',
    )!,
  ]),
  tags: Object.freeze({}),
});
const EMPTY: PrincipalPolicies = Object.freeze({ identity: Object.freeze([]), tags: Object.freeze({}) });

function compile(document: string, id: string, sourceType: string): CompiledPolicy | undefined {
  const r = compilePolicy(document, { id, sourceType });
  return r.ok ? r.policy : undefined;
}

export class PolicyLoader {
  /** Cached entries by `<account id>\n<key>`, at most `cacheEntries` of them. */
  private readonly entries: LruMap<string, Promise<unknown>>;
  /** The cached keys of each account, so that a change in it drops them all. */
  private readonly byAccount = new Map<string, Set<string>>();
  /** Inline session policies compiled, by their text, least recently used first. */
  private readonly inlineSession = new Map<string, CompiledPolicy | undefined>();
  /** How often a principal's policies came from the cache (hits) or the store (misses). */
  readonly stats = { hits: 0, misses: 0 };

  /** Principals whose policies are cached now. */
  get size(): number {
    let n = 0;
    for (const full of this.entries.keys()) if (!full.includes('\nsession-policy:')) n++;
    return n;
  }

  constructor(
    private readonly store: Store,
    /** The most entries kept (principals and session policies; the least recently used go first). */
    cacheEntries = DEFAULT_CACHE_ENTRIES,
  ) {
    this.entries = new LruMap(cacheEntries, (full) => this.unindex(full));
    store.onChange((changes) => {
      for (const c of changes) {
        // organization changes reach the organization view's cache, not the principals'
        if (c.entity === 'organization') continue;
        if (c.entity === 'all' || c.accountId === '*') {
          this.entries.clear();
          this.byAccount.clear();
        } else this.dropAccount(c.accountId);
      }
    });
  }

  private dropAccount(accountId: string): void {
    for (const full of this.byAccount.get(accountId) ?? []) this.entries.delete(full);
    this.byAccount.delete(accountId);
  }

  private unindex(full: string): void {
    const accountId = full.slice(0, full.indexOf('\n'));
    const keys = this.byAccount.get(accountId);
    keys?.delete(full);
    if (keys?.size === 0) this.byAccount.delete(accountId);
  }

  /** Everything that applies to requests made by `principal`. */
  async forPrincipal(principal: Principal): Promise<ApplicablePolicies> {
    const base = await this.baseOf(principal);
    const session = principal.session ? await this.sessionPolicies(principal.session) : undefined;
    return session ? { ...base, session } : base;
  }

  /**
   * The role named `name` in `accountId` (AssumeRole's first read), kept with the account's other
   * entries and dropped with them when anything in the account changes. Callers must not modify it.
   */
  roleNamed(accountId: string, name: string): Promise<RoleRow | undefined> {
    return this.cached(accountId, `role-name:${name}`, () =>
      this.store.read((r) => r.roles.byName(accountId, name)),
    );
  }

  /** The user named `name` in `accountId`, kept and dropped as roleNamed's roles are. Callers must not modify it. */
  userNamed(accountId: string, name: string): Promise<UserRow | undefined> {
    return this.cached(accountId, `user-name:${name}`, () =>
      this.store.read((r) => r.users.byName(accountId, name)),
    );
  }

  /** The account `accountId`, kept and dropped as roleNamed's roles are. Callers must not modify it. */
  account(accountId: string): Promise<AccountRow | undefined> {
    return this.cached(accountId, 'account', () => this.store.read((r) => r.accounts.get(accountId)));
  }

  private baseOf(principal: Principal): Promise<PrincipalPolicies> {
    switch (principal.type) {
      case 'root':
        return Promise.resolve(EMPTY);
      case 'user':
        return this.cached(principal.accountId, `user:${principal.id}`, () => this.loadUser(principal.id));
      case 'assumed-role':
        return this.cached(principal.accountId, `role:${principal.roleId}`, () =>
          this.loadRole(principal.roleId),
        );
      case 'federated-user':
        // a federated user of the root starts from the root's "everything", narrowed by its session policy
        return principal.parentUserId
          ? this.cached(principal.accountId, `user:${principal.parentUserId}`, () =>
              this.loadUser(principal.parentUserId!),
            )
          : Promise.resolve(ROOT_FEDERATION);
    }
  }

  private cached<T>(accountId: string, key: string, load: () => Promise<T>): Promise<T> {
    const full = `${accountId}\n${key}`;
    let entry = this.entries.get(full) as Promise<T> | undefined;
    if (entry) this.stats.hits++;
    else {
      this.stats.misses++;
      const loading = load();
      entry = loading;
      this.entries.set(full, loading);
      let keys = this.byAccount.get(accountId);
      if (!keys) this.byAccount.set(accountId, (keys = new Set()));
      keys.add(full);
      // a failed read is not remembered (unless a newer entry already took its place)
      loading.catch(() => {
        if (this.entries.peek(full) !== loading) return;
        this.entries.delete(full);
        this.unindex(full);
      });
    }
    return entry;
  }

  private loadUser(userId: string): Promise<PrincipalPolicies> {
    return this.store.read(async (repos) => {
      const user = await repos.users.byId(userId);
      if (!user) return EMPTY;
      const groups = await repos.effectivePolicies.groupsOf(userId);
      const holders: PolicyHolder[] = [
        { type: 'user', id: userId, arn: user.arn },
        ...groups.map((g) => ({ type: 'group' as const, id: g.group_id, arn: g.arn })),
      ];
      const docs = await repos.effectivePolicies.documentsFor(holders);
      const tags = await repos.tags.list('user', userId);
      const boundaryDoc = user.permissions_boundary
        ? await repos.effectivePolicies.defaultDocument(user.permissions_boundary)
        : undefined;
      return this.assemble(docs, tags, user.permissions_boundary, boundaryDoc);
    });
  }

  private loadRole(roleId: string): Promise<PrincipalPolicies> {
    return this.store.read(async (repos) => {
      const role = await repos.roles.byId(roleId);
      if (!role) return EMPTY;
      const docs = await repos.effectivePolicies.documentsFor([{ type: 'role', id: roleId, arn: role.arn }]);
      const tags = await repos.tags.list('role', roleId);
      const boundaryDoc = role.permissions_boundary
        ? await repos.effectivePolicies.defaultDocument(role.permissions_boundary)
        : undefined;
      return this.assemble(docs, tags, role.permissions_boundary, boundaryDoc);
    });
  }

  private assemble(
    docs: PolicyDocumentRow[],
    tags: { Key: string; Value: string }[],
    boundaryArn: string | null,
    boundaryDoc: string | undefined,
  ): PrincipalPolicies {
    // a stored policy the engine cannot read might have held a Deny: fail closed and deny everything
    const identity = docs.map(
      (d) =>
        compile(d.document, d.sourceId, sourceTypeOf(d)) ?? compile(DENIES_ALL, d.sourceId, sourceTypeOf(d))!,
    );
    // a boundary whose policy vanished allows nothing, as a boundary that allows nothing would
    const boundary = boundaryArn
      ? (compile(boundaryDoc ?? ALLOWS_NOTHING, boundaryArn, 'PermissionsBoundaryPolicy') ??
        compile(ALLOWS_NOTHING, boundaryArn, 'PermissionsBoundaryPolicy'))
      : undefined;
    return {
      identity,
      ...(boundary ? { boundary } : {}),
      tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value])),
    };
  }

  private inlineSessionPolicy(document: string): CompiledPolicy | undefined {
    if (this.inlineSession.has(document)) {
      const policy = this.inlineSession.get(document);
      // most recently used last
      this.inlineSession.delete(document);
      this.inlineSession.set(document, policy);
      return policy;
    }
    const policy = compile(document, 'SessionPolicy', 'session');
    this.inlineSession.set(document, policy);
    if (this.inlineSession.size > INLINE_SESSION_POLICIES_KEPT)
      this.inlineSession.delete(this.inlineSession.keys().next().value!);
    return policy;
  }

  private async sessionPolicies(claims: SessionClaims): Promise<readonly CompiledPolicy[] | undefined> {
    if (claims.kind === 'root-session' && claims.assumedRoot)
      return taskPolicy(claims.assumedRoot.taskPolicyArn);
    if (claims.sessionPolicy === undefined && !claims.policyArns?.length) return undefined;
    const out: CompiledPolicy[] = [];
    if (claims.sessionPolicy !== undefined) {
      const p = this.inlineSessionPolicy(claims.sessionPolicy);
      if (p) out.push(p);
    }
    for (const arn of claims.policyArns ?? []) {
      const p = await this.cached(ownerOfPolicy(arn), `session-policy:${arn}`, async () => {
        const doc = await this.store.read((r) => r.effectivePolicies.defaultDocument(arn));
        return doc ? compile(doc, arn, 'session') : undefined;
      });
      if (p) out.push(p);
    }
    // session policies were given but none could be read: the session may do nothing (fail closed)
    if (out.length === 0) out.push(compile(ALLOWS_NOTHING, 'SessionPolicy', 'session')!);
    return out;
  }
}

/** Inline session policies kept compiled (a session presents its policy with every request). */
const INLINE_SESSION_POLICIES_KEPT = 512;

/** The account a managed policy's changes are announced in: `aws` for AWS's own. */
function ownerOfPolicy(arn: string): string {
  return arn.split(':')[4] || 'aws';
}

const TASK_POLICIES = new Map<string, readonly CompiledPolicy[]>();

/**
 * An AssumeRoot session's task policy as its session policy, compiled once from AWS's document (it
 * never changes; no store read). Its statements are all Deny: the root may do what its account allows
 * less what the task denies. A task policy Tessera does not know denies everything (fail closed).
 */
function taskPolicy(arn: string): readonly CompiledPolicy[] {
  let compiled = TASK_POLICIES.get(arn);
  if (!compiled) {
    const task = rootTaskPolicy(arn);
    const policy = task ? compile(JSON.stringify(task.document), arn, 'session') : undefined;
    compiled = Object.freeze([policy ?? compile(DENIES_ALL, arn, 'session')!]);
    TASK_POLICIES.set(arn, compiled);
  }
  return compiled;
}
