// A request for a service Tessera does not serve gets an error in that service's protocol: the real
// SDK v3 clients of a JSON service (DynamoDB) and of a REST-JSON one (Lambda), and the AWS CLI, report
// Tessera's readable message rather than a parse failure; Tessera's own services still answer.
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, itWithCli } from '../support/aws-cli.ts';
import { awsError, startTestServer, type TestServer } from '../support/test-server.ts';

const NOT_SERVED = /^Tessera does not serve (dynamodb|lambda): it answers IAM, STS/;

describe('requests for services Tessera does not serve', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
  });
  afterAll(() => t.destroy());
  const client = { region: 'us-east-1', maxAttempts: 1 };

  it('answers a JSON service’s SDK in JSON, with a readable error', async () => {
    const dynamodb = new DynamoDBClient({ ...client, endpoint: t.url, credentials: t.root });
    const e = await awsError(() => dynamodb.send(new ListTablesCommand({})));
    expect(e).toMatchObject({ code: 'UnknownOperationException', status: 400 });
    expect(e.message).toMatch(NOT_SERVED);
  });

  it('answers a REST-JSON service’s SDK in JSON, with a readable error', async () => {
    const lambda = new LambdaClient({ ...client, endpoint: t.url, credentials: t.root });
    const e = await awsError(() => lambda.send(new ListFunctionsCommand({})));
    expect(e).toMatchObject({ code: 'UnknownOperationException', status: 400 });
    expect(e.message).toMatch(NOT_SERVED);
  });

  it('still answers its own services on the same endpoint', async () => {
    const me = await t.sts().send(new GetCallerIdentityCommand({}));
    expect(me.Account).toBe('123456789012');
  });

  for (const version of CLI_VERSIONS)
    itWithCli(version)(`makes the AWS CLI ${version} print the readable error`, async () => {
      const cli = await awsCli(version, t.url, t.root);
      const r = await cli.run(['dynamodb', 'list-tables']);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toMatch(
        /An error occurred \(UnknownOperationException\) when calling the ListTables operation: Tessera does not serve dynamodb/,
      );
    });
});
