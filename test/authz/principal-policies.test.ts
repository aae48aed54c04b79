// The applicable-policy loader fails closed: a stored identity policy the engine cannot read
// denies everything rather than vanishing (it might have held a Deny).
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '../../src/policy/index.ts';
import { PolicyLoader } from '../../src/authz/principal-policies.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('the applicable-policy loader', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t.destroy());

  it('turns an unreadable stored identity policy into a deny of everything', async () => {
    const user = (await t.iam().send(new CreateUserCommand({ UserName: 'corrupt' }))).User!;
    const store = t.server.store;
    await store.write('123456789012', (r) =>
      r.inlinePolicies.put(
        { accountId: '123456789012', entity: 'user', id: user.UserId! },
        'user',
        user.UserId!,
        'broken',
        '{not json',
      ),
    );
    const loader = new PolicyLoader(store);
    const principal = {
      type: 'user' as const,
      accountId: '123456789012',
      arn: user.Arn!,
      id: user.UserId!,
      userName: 'corrupt',
      path: '/',
    };
    const applicable = await loader.forPrincipal(principal);
    expect(applicable.identity).toHaveLength(1);
    const d = authorize(
      { identity: applicable.identity },
      {
        action: 'iam:ListUsers',
        resource: '*',
        principal: { type: 'User', arn: user.Arn!, account: '123456789012' },
      },
    );
    expect(d.decision).toBe('ExplicitDeny');
  });
});
