// The SAML assertions already redeemed (AssumeRoleWithSAML's replay cache), shared through the store
// by every node, each kept until its NotOnOrAfter.
import type { Db } from './db.ts';

/** Recording redeemed SAML assertions. */
export interface SamlAssertionUseRepo {
  /**
   * Records that the provider's assertion `assertionId` was redeemed; false when it already was (and
   * has not expired). Forgets expired assertions on the way.
   */
  redeem(providerArn: string, assertionId: string, expiresAt: Date, now: Date): Promise<boolean>;
}

export function samlAssertionUseRepo(db: Db): SamlAssertionUseRepo {
  return {
    async redeem(providerArn, assertionId, expiresAt, now) {
      await db.deleteFrom('saml_assertion_uses').where('expires_at', '<=', now.toISOString()).execute();
      const [result] = await db
        .insertInto('saml_assertion_uses')
        .values({ provider_arn: providerArn, assertion_id: assertionId, expires_at: expiresAt.toISOString() })
        .onConflict((oc) => oc.columns(['provider_arn', 'assertion_id']).doNothing())
        .execute();
      return (result?.numInsertedOrUpdatedRows ?? 0n) > 0n;
    },
  };
}
