// Last-accessed data: the last authentication of each IAM user and role per service and action,
// recorded in batches (a later time replaces an earlier one, never the reverse) and read per entity.
import type { Db } from './db.ts';

/** One entity's last authentication for one action. */
export interface AccessActivity {
  accountId: string;
  /** The user's or role's ARN. */
  entityArn: string;
  /** The service prefix, lower case. */
  serviceNamespace: string;
  actionName: string;
  /** ISO 8601. */
  lastAuthenticated: string;
  region: string;
}

/** Reading last-accessed data. */
export interface AccessActivityReader {
  /** Every recorded action of the given entities of an account, in no particular order. */
  forEntities(accountId: string, entityArns: readonly string[]): Promise<AccessActivity[]>;
  /** Every recorded action of every entity of an account, in no particular order. */
  forAccount(accountId: string): Promise<AccessActivity[]>;
}

/** Last-accessed data, read and written; no cache depends on it, so nothing is announced. */
export interface AccessActivityRepo extends AccessActivityReader {
  /**
   * Records uses; for an entity, service and action already stored, a use keeps the later of the two
   * times (and its region).
   */
  record(uses: readonly AccessActivity[]): Promise<void>;
}

const CHUNK = 200;

export function accessActivityRepo(db: Db): AccessActivityRepo {
  return {
    async record(uses) {
      for (let i = 0; i < uses.length; i += CHUNK) {
        const rows = uses.slice(i, i + CHUNK).map((u) => ({
          account_id: u.accountId,
          entity_arn: u.entityArn,
          service_namespace: u.serviceNamespace,
          action_name: u.actionName,
          last_authenticated: u.lastAuthenticated,
          region: u.region,
        }));
        await db
          .insertInto('access_activity')
          .values(rows)
          .onConflict((oc) =>
            oc
              .columns(['account_id', 'entity_arn', 'service_namespace', 'action_name'])
              .doUpdateSet((eb) => ({
                last_authenticated: eb.ref('excluded.last_authenticated'),
                region: eb.ref('excluded.region'),
              }))
              .where((eb) =>
                eb('excluded.last_authenticated', '>', eb.ref('access_activity.last_authenticated')),
              ),
          )
          .execute();
      }
    },
    async forAccount(accountId) {
      const rows = await db
        .selectFrom('access_activity')
        .selectAll()
        .where('account_id', '=', accountId)
        .execute();
      return rows.map((r) => ({
        accountId: r.account_id,
        entityArn: r.entity_arn,
        serviceNamespace: r.service_namespace,
        actionName: r.action_name,
        lastAuthenticated: r.last_authenticated,
        region: r.region,
      }));
    },
    async forEntities(accountId, entityArns) {
      if (entityArns.length === 0) return [];
      const out: AccessActivity[] = [];
      for (let i = 0; i < entityArns.length; i += CHUNK) {
        const rows = await db
          .selectFrom('access_activity')
          .selectAll()
          .where('account_id', '=', accountId)
          .where('entity_arn', 'in', entityArns.slice(i, i + CHUNK))
          .execute();
        for (const r of rows)
          out.push({
            accountId: r.account_id,
            entityArn: r.entity_arn,
            serviceNamespace: r.service_namespace,
            actionName: r.action_name,
            lastAuthenticated: r.last_authenticated,
            region: r.region,
          });
      }
      return out;
    },
  };
}
