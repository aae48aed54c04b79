// Which services and actions permissions policies allow, as last accessed reports and
// ListPoliciesGrantingServiceAccess count them: Allow statements only (whatever their resources and
// conditions), wildcards expanded against AWS's catalogue, NotAction as every other action, services
// the catalogue does not know kept when named literally; and the service names reports show.
import { describe, expect, it } from 'vitest';
import { allowedActionNames, allowedActions, serviceName } from '../../src/domain/last-accessed.ts';
import { awsCatalogue } from '../../src/policy/index.ts';

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const catalogue = awsCatalogue();

describe('allowedActions', () => {
  it('expands Action patterns by service, lower case', () => {
    const allowed = allowedActions([
      doc([{ Effect: 'Allow', Action: ['s3:*', 'iam:List*', 'STS:GetCallerIdentity'], Resource: '*' }]),
    ]);
    expect([...allowed.keys()].sort()).toEqual(['iam', 's3', 'sts']);
    expect(allowed.get('s3')).toBe('all');
    expect([...(allowed.get('iam') as Set<string>)].sort()).toEqual(
      catalogue
        .expandAction('iam:List*')
        .map((a) => a.slice('iam:'.length))
        .sort(),
    );
    expect(allowed.get('sts')).toEqual(new Set(['getcalleridentity']));
  });

  it('reads "*" as every service and a service wildcard as the services it matches', () => {
    expect(allowedActions([doc([{ Effect: 'Allow', Action: '*', Resource: '*' }])]).size).toBe(
      catalogue.serviceKeys().length,
    );
    const getters = allowedActions([doc([{ Effect: 'Allow', Action: 'dynamo*:GetItem', Resource: '*' }])]);
    expect([...getters.keys()]).toEqual(['dynamodb']);
  });

  it('counts Allow statements only, whatever their conditions', () => {
    const allowed = allowedActions([
      doc([
        { Effect: 'Deny', Action: 'ec2:*', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: 'arn:aws:kms:*:*:key/*',
          Condition: { Bool: { 'aws:SecureTransport': 'true' } },
        },
      ]),
    ]);
    expect([...allowed.keys()]).toEqual(['kms']);
  });

  it('reads NotAction as every action it does not match', () => {
    const powerUser = allowedActions([
      doc([{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }]),
    ]);
    expect(powerUser.has('iam')).toBe(false);
    expect(powerUser.has('organizations')).toBe(false);
    expect(powerUser.get('s3')).toBe('all');
    expect(powerUser.size).toBe(catalogue.serviceKeys().length - 3);
    const allButGets = allowedActions([doc([{ Effect: 'Allow', NotAction: 'sts:Get*', Resource: '*' }])]);
    const sts = allButGets.get('sts') as Set<string>;
    expect(sts.has('assumerole')).toBe(true);
    expect(sts.has('getcalleridentity')).toBe(false);
    expect(allowedActions([doc([{ Effect: 'Allow', NotAction: '*', Resource: '*' }])]).size).toBe(0);
  });

  it('keeps a service the catalogue does not know when a policy names it', () => {
    const allowed = allowedActions([
      doc([{ Effect: 'Allow', Action: ['widgets:Make', 'gadgets:*'], Resource: '*' }]),
    ]);
    expect(allowed.get('widgets')).toEqual(new Set(['make']));
    expect(allowed.get('gadgets')).toBe('all');
  });

  it('ignores documents it cannot parse', () => {
    expect(allowedActions(['not json']).size).toBe(0);
  });
});

describe('allowedActionNames', () => {
  it('spells actions as AWS does', () => {
    expect(allowedActionNames('iam', new Set(['listusers', 'getuser'])).sort()).toEqual([
      'GetUser',
      'ListUsers',
    ]);
    expect(allowedActionNames('s3', 'all')).toHaveLength(catalogue.service('s3')!.actionNames.length);
  });
});

describe('serviceName', () => {
  it('gives Access Advisor’s names, the catalogue’s otherwise, and the prefix for an unknown service', async () => {
    expect(await serviceName('iam')).toBe('AWS Identity and Access Management');
    expect(await serviceName('s3')).toBe('Amazon Simple Storage Service');
    expect(await serviceName('lambda')).toBe('AWS Lambda');
    expect(await serviceName('widgets')).toBe('widgets');
  });
});
