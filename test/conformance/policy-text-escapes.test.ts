// Policy text IAM refuses although it is valid JSON: an escaped NUL or an unpaired surrogate in a string,
// refused with MalformedPolicyDocument through the real AWS SDK on each storage backend.
import {
  CreatePolicyCommand,
  CreateUserCommand,
  GetPolicyCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
/** A policy whose resource holds `escaped` as written (JSON escapes stay escapes in the text). */
const policyWith = (escaped: string) =>
  `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/${escaped}"}]}`;

describe.each(BACKENDS)('policy text escapes on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
    await t.iam().send(new CreateUserCommand({ UserName: 'escapes' }));
  });
  afterAll(async () => {
    await t.destroy();
  });

  it.each([
    ['an escaped NUL', '\\u0000'],
    ['a lone high surrogate', '\\ud800'],
    ['a lone low surrogate', '\\udc00x'],
  ])('refuses %s in CreatePolicy and PutUserPolicy, and creates nothing', async (_, escaped) => {
    const iam = t.iam();
    const created = await awsError(() =>
      iam.send(new CreatePolicyCommand({ PolicyName: 'Escaped', PolicyDocument: policyWith(escaped) })),
    );
    expect(created).toMatchObject({
      code: 'MalformedPolicyDocument',
      status: 400,
      message: 'Syntax errors in policy.',
    });
    const missing = await awsError(() =>
      iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/Escaped` })),
    );
    expect(missing.code).toBe('NoSuchEntity');
    const inline = await awsError(() =>
      iam.send(
        new PutUserPolicyCommand({
          UserName: 'escapes',
          PolicyName: 'Escaped',
          PolicyDocument: policyWith(escaped),
        }),
      ),
    );
    expect(inline).toMatchObject({ code: 'MalformedPolicyDocument', status: 400 });
    const simulated = await awsError(() =>
      iam.send(
        new SimulateCustomPolicyCommand({
          PolicyInputList: [policyWith(escaped)],
          ActionNames: ['s3:GetObject'],
        }),
      ),
    );
    expect(simulated).toMatchObject({ code: 'MalformedPolicyDocument', status: 400 });
  });

  it('accepts an escaped surrogate pair', async () => {
    const r = await t
      .iam()
      .send(new CreatePolicyCommand({ PolicyName: 'Emoji', PolicyDocument: policyWith('\\ud83d\\ude00') }));
    expect(r.Policy?.PolicyName).toBe('Emoji');
  });
});
