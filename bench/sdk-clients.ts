// The AWS SDK v3 clients the server benchmarks drive a server with: IAM and STS on one keep-alive
// agent, signed with the given credentials, no retries.
import { IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { Agent } from 'node:http';
import { REGION } from './bench-principals.ts';
import { BENCH_ROOT } from './servers.ts';
import type { SigningCredentials } from './signed-json.ts';

export interface SdkClients {
  iam: IAMClient;
  sts: STSClient;
  close(): void;
}

/** Clients of the server at `url`, sharing `maxSockets` keep-alive connections. */
export function sdkClients(
  url: string,
  credentials: SigningCredentials = BENCH_ROOT,
  maxSockets = 16,
): SdkClients {
  const httpAgent = new Agent({ keepAlive: true, maxSockets });
  const config = {
    endpoint: url,
    region: REGION,
    credentials,
    maxAttempts: 1,
    requestHandler: { httpAgent },
  };
  const iam = new IAMClient(config);
  const sts = new STSClient(config);
  return {
    iam,
    sts,
    close() {
      iam.destroy();
      sts.destroy();
      httpAgent.destroy();
    },
  };
}
