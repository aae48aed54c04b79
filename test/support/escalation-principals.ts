// The principals the escalation-graph tests draw (`tessera graph`, the console's graph): alice, who may
// rewrite her own inline policies (one step from admin), and ci, who may assume the role deployer
// (which holds no admin rights), made through the IAM API in the default account.
import { CreateRoleCommand, CreateUserCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import type { TestServer } from './test-server.ts';

export const ESCALATION_ACCOUNT = '123456789012';
export const ALICE = `arn:aws:iam::${ESCALATION_ACCOUNT}:user/alice`;
export const CI = `arn:aws:iam::${ESCALATION_ACCOUNT}:user/ci`;
export const DEPLOYER = `arn:aws:iam::${ESCALATION_ACCOUNT}:role/deployer`;

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

export async function createEscalationPrincipals(t: TestServer): Promise<void> {
  const iam = t.iam();
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'alice',
      PolicyName: 'self-service',
      PolicyDocument: doc([{ Effect: 'Allow', Action: 'iam:PutUserPolicy', Resource: ALICE }]),
    }),
  );
  await iam.send(new CreateUserCommand({ UserName: 'ci' }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'ci',
      PolicyName: 'deploy',
      PolicyDocument: doc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: DEPLOYER }]),
    }),
  );
  await iam.send(
    new CreateRoleCommand({
      RoleName: 'deployer',
      AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: CI }, Action: 'sts:AssumeRole' }]),
    }),
  );
}
