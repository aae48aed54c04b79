// An AWS_DATA_PATH directory that sends the AWS CLI's (and boto's) SSO OIDC and SSO portal calls to
// Tessera: endpoint rule sets for the `sso-oidc` and `sso` services that answer one URL whatever the
// region. AWS CLI versions before per-service endpoint settings (2.13) have no other way to reach an
// SSO endpoint that is not AWS's; later ones can use AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The services and API versions whose endpoints `aws sso login` and profile credentials resolve. */
const SERVICES: readonly [string, string][] = [
  ['sso-oidc', '2019-06-10'],
  ['sso', '2019-06-10'],
];

/** An endpoint rule set (AWS's format, version 1.0) that resolves every request to `url`. */
export function fixedEndpointRuleSet(url: string): unknown {
  const flag = (builtIn: string, documentation: string) => ({
    builtIn,
    required: true,
    default: false,
    documentation,
    type: 'Boolean',
  });
  return {
    version: '1.0',
    parameters: {
      Region: {
        builtIn: 'AWS::Region',
        required: false,
        documentation: 'The region (ignored).',
        type: 'String',
      },
      UseDualStack: flag('AWS::UseDualStack', 'Dual-stack (ignored).'),
      UseFIPS: flag('AWS::UseFIPS', 'FIPS (ignored).'),
      Endpoint: { builtIn: 'SDK::Endpoint', required: false, documentation: 'An override.', type: 'String' },
    },
    rules: [
      {
        conditions: [{ fn: 'isSet', argv: [{ ref: 'Endpoint' }] }],
        endpoint: { url: { ref: 'Endpoint' }, properties: {}, headers: {} },
        type: 'endpoint',
      },
      { conditions: [], endpoint: { url, properties: {}, headers: {} }, type: 'endpoint' },
    ],
  };
}

/** Writes the rule sets under `dir` (the directory to set AWS_DATA_PATH to). */
export function writeSsoCliEndpoints(dir: string, url: string): void {
  const rules = JSON.stringify(fixedEndpointRuleSet(url.replace(/\/$/, '')), null, 2);
  for (const [service, version] of SERVICES) {
    const target = path.join(dir, service, version);
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, 'endpoint-rule-set-1.json'), rules + '\n');
  }
}
