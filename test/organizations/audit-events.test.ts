// Organizations calls leave CloudTrail events like every other call: eventSource
// organizations.amazonaws.com, requestParameters and responseElements in CloudTrail's shape, readOnly
// for reads, and refusals recorded with AWS's error code.
import { LookupEventsCommand, CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import {
  CreateOrganizationCommand,
  CreateOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListRootsCommand,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgs } from '../support/org-fixture.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

describe.each(BACKENDS)('Organizations in the audit trail on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend);
  });
  afterAll(() => t.destroy());

  it('records writes, reads and refusals with eventSource organizations.amazonaws.com', async () => {
    const org = orgs(t);
    expect((await awsError(() => org.send(new DescribeOrganizationCommand({})))).name).toBe(
      'AWSOrganizationsNotInUseException',
    );
    await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    const rootId = (await org.send(new ListRootsCommand({}))).Roots![0]!.Id!;
    const ou = (await org.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'audited' })))
      .OrganizationalUnit!;
    await t.server.services.audit!.flush();
    const ct = new CloudTrailClient({
      endpoint: t.url,
      region: 'us-east-1',
      credentials: t.root,
      maxAttempts: 1,
    });
    const events = (
      await ct.send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: 'EventSource', AttributeValue: 'organizations.amazonaws.com' }],
        }),
      )
    ).Events!;
    const byName = new Map(
      events.map((e) => [e.EventName, JSON.parse(e.CloudTrailEvent!) as Record<string, unknown>]),
    );
    expect(byName.get('CreateOrganizationalUnit')).toMatchObject({
      eventSource: 'organizations.amazonaws.com',
      readOnly: false,
      requestParameters: { parentId: rootId, name: 'audited' },
      responseElements: { organizationalUnit: { id: ou.Id, name: 'audited' } },
    });
    expect(byName.get('ListRoots')).toMatchObject({ readOnly: true });
    expect(byName.get('DescribeOrganization')).toMatchObject({
      errorCode: 'AWSOrganizationsNotInUseException',
    });
    expect(byName.get('CreateOrganization')).toMatchObject({ requestParameters: { featureSet: 'ALL' } });
  });
});
