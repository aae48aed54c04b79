// The authorization API for other services, on each storage backend: the example notes service
// (test/example-service) verifies its callers' SigV4 signatures and asks Tessera for every request; the
// endpoint itself answers only authenticated callers allowed tessera:Authorize; the library gives the same.
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { Sha256 } from '@aws-crypto/sha256-js';
import { DecodeAuthorizationMessageCommand } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Authenticator } from '../../src/authn/authenticator.ts';
import { LastUsedBuffer } from '../../src/authn/last-used.ts';
import { authorizeExternalRequest, ExternalAuthorizationError } from '../../src/authz/index.ts';
import { startNotesService, type NotesService } from '../example-service/notes-service.ts';
import { sendSigned, type SigningCredentials } from '../example-service/signed-http.ts';
import { BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';
const note = (id: string) => `arn:aws:notes:us-east-1:${ACCOUNT}:note/${id}`;
const doc = (statements: unknown[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

const READER_POLICY = doc([
  { Sid: 'ReadA', Effect: 'Allow', Action: 'notes:GetNote', Resource: [note('a'), note('c')] },
  { Sid: 'NeverC', Effect: 'Deny', Action: 'notes:*', Resource: note('c') },
]);

async function userWithKey(t: TestServer, name: string, policy?: string): Promise<SigningCredentials> {
  const iam = t.iam();
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy)
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'main', PolicyDocument: policy }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

describe.each(BACKENDS)('authorization API for other services on %s', (backend) => {
  let t: TestServer;
  let notes: NotesService;
  let reader: SigningCredentials;
  let service: SigningCredentials;
  const ask = (body: unknown, credentials: SigningCredentials | null = service, signingService = 'tessera') =>
    sendSigned(`${t.url}/_tessera/authorize`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      service: signingService,
      ...(credentials ? { credentials } : {}),
    }).then((r) => ({ status: r.status, json: JSON.parse(r.body) as Record<string, unknown> }));
  const callNotes = (method: string, id: string, credentials: SigningCredentials, body?: string) =>
    sendSigned(`${notes.url}/notes/${id}`, {
      method,
      service: 'notes',
      credentials,
      ...(body ? { body } : {}),
    }).then((r) => ({ status: r.status, json: JSON.parse(r.body) as Record<string, unknown> }));

  beforeAll(async () => {
    t = await startTestServer(backend);
    reader = await userWithKey(t, 'reader', READER_POLICY);
    service = await userWithKey(
      t,
      'notes-service',
      doc([
        {
          Effect: 'Allow',
          Action: 'tessera:Authorize',
          Resource: '*',
        },
      ]),
    );
    notes = await startNotesService({
      tesseraUrl: t.url,
      credentials: service,
      region: 'us-east-1',
      accountId: ACCOUNT,
    });
    // the account root may do anything in its account, notes included
    for (const id of ['a', 'b', 'c'])
      expect((await callNotes('PUT', id, t.root, `note ${id}`)).status).toBe(200);
  });
  afterAll(async () => {
    await notes?.stop();
    await t.destroy();
  });

  it('lets a user whose policy allows notes:GetNote on note/a read it', async () => {
    expect(await callNotes('GET', 'a', reader)).toEqual({ status: 200, json: { note: 'note a' } });
  });

  it("refuses note/b with AWS's reason: no identity-based policy allows it", async () => {
    const r = await callNotes('GET', 'b', reader);
    expect(r).toEqual({
      status: 403,
      json: {
        decision: 'ImplicitDeny',
        reason: 'because no identity-based policy allows the notes:GetNote action',
        message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: notes:GetNote on resource: ${note('b')} because no identity-based policy allows the notes:GetNote action`,
      },
    });
  });

  it('records each decision in the audit trail: the decided principal, the asking service as invokedBy, a denial with its message', async () => {
    const r = await callNotes('GET', 'b', reader);
    expect(r.status).toBe(403);
    await t.server.services.audit!.flush();
    const events = await t.server.store.read((repos) =>
      repos.auditEvents.lookup({
        accountId: ACCOUNT,
        attribute: { key: 'EventSource', value: 'authorize.tessera.internal' },
        limit: 1,
      }),
    );
    expect(events.length).toBe(1);
    expect(JSON.parse(events[0]!.record)).toMatchObject({
      eventSource: 'authorize.tessera.internal',
      eventName: 'Authorize',
      userIdentity: {
        type: 'IAMUser',
        userName: 'reader',
        accessKeyId: reader.accessKeyId,
        invokedBy: `arn:aws:iam::${ACCOUNT}:user/notes-service`,
      },
      requestParameters: { action: 'notes:GetNote', resource: note('b') },
      errorCode: 'AccessDenied',
      errorMessage: r.json.message,
    });
    expect(events[0]!.username).toBe('reader');
  });

  it('refuses note/c with the explicit deny reason, even though another statement allows it', async () => {
    const r = await callNotes('GET', 'c', reader);
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({
      decision: 'ExplicitDeny',
      reason: 'with an explicit deny in an identity-based policy',
    });
  });

  it('refuses notes:PutNote to a user allowed only to read', async () => {
    const r = await callNotes('PUT', 'a', reader, 'overwritten');
    expect(r.status).toBe(403);
    expect(r.json.reason).toBe('because no identity-based policy allows the notes:PutNote action');
    expect(await callNotes('GET', 'a', reader)).toEqual({ status: 200, json: { note: 'note a' } });
  });

  it('refuses a request signed with a wrong secret: Tessera answers SignatureDoesNotMatch', async () => {
    const r = await callNotes('GET', 'a', { ...reader, secretAccessKey: 'x'.repeat(40) });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('answers the principal, the decision and the matched statements with their positions', async () => {
    const r = await ask({
      principalArn: `arn:aws:iam::${ACCOUNT}:user/reader`,
      action: 'notes:GetNote',
      resource: note('a'),
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      principal: { arn: `arn:aws:iam::${ACCOUNT}:user/reader`, account: ACCOUNT, type: 'User' },
      decision: 'Allow',
      reason: 'allowed by an identity-based policy',
      matchedStatements: [
        {
          sourcePolicyId: `arn:aws:iam::${ACCOUNT}:user/reader/main`,
          effect: 'Allow',
          sid: 'ReadA',
          statementIndex: 0,
          startPosition: { line: 1, column: expect.any(Number) },
        },
      ],
    });
    expect((r.json.principal as { userId: string }).userId).toMatch(/^AIDA/);
  });

  it('evaluates conditions on the context the caller passes', async () => {
    const iam = t.iam();
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'office',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'office',
        PolicyName: 'FromOffice',
        PolicyDocument: doc([
          {
            Effect: 'Allow',
            Action: 'notes:GetNote',
            Resource: '*',
            Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
          },
        ]),
      }),
    );
    const root = t.root;
    const base = {
      principalArn: `arn:aws:iam::${ACCOUNT}:role/office`,
      action: 'notes:GetNote',
      resource: note('a'),
    };
    const inside = await ask({ ...base, context: { 'aws:SourceIp': '10.1.2.3' } }, root);
    expect(inside.json).toMatchObject({ decision: 'Allow', principal: { type: 'AssumedRole' } });
    const outside = await ask({ ...base, context: { 'aws:SourceIp': '192.0.2.1' } }, root);
    expect(outside.json.decision).toBe('ImplicitDeny');
    const unknown = await ask(base, root);
    expect(unknown.json).toMatchObject({ decision: 'ImplicitDeny', missingContextValues: ['aws:SourceIp'] });
  });

  it('refuses unauthenticated callers, callers signing for another service and callers not allowed tessera:Authorize', async () => {
    const question = {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/reader`,
      action: 'notes:GetNote',
      resource: note('a'),
    };
    const unsigned = await ask(question, null);
    expect(unsigned.status).toBe(403);
    const wrongService = await ask(question, service, 'iam');
    expect(wrongService).toEqual({
      status: 403,
      json: {
        error: {
          code: 'IncompleteSignature',
          message: "Credential should be scoped to correct service: 'tessera'.",
        },
      },
    });
    const denied = await ask(question, reader);
    expect(denied.status).toBe(403);
    expect(denied.json.error).toEqual({
      code: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: tessera:Authorize on resource: arn:aws:iam::${ACCOUNT}:user/reader because no identity-based policy allows the tessera:Authorize action`,
    });
  });

  it('answers for an account root named by principalArn: the root may do anything in its account', async () => {
    const r = await ask({
      principalArn: `arn:aws:iam::${ACCOUNT}:root`,
      action: 'notes:GetNote',
      resource: note('b'),
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      principal: { arn: `arn:aws:iam::${ACCOUNT}:root`, account: ACCOUNT, type: 'Account' },
      decision: 'Allow',
    });
  });

  it('gives a caller without tessera:Authorize the same AccessDenied whether or not the principal exists', async () => {
    const about = (principalArn: string) => ({ principalArn, action: 'notes:GetNote', resource: '*' });
    const denial = (arn: string) => ({
      status: 403,
      json: {
        error: {
          code: 'AccessDenied',
          message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: tessera:Authorize on resource: ${arn} because no identity-based policy allows the tessera:Authorize action`,
        },
      },
    });
    for (const arn of [
      `arn:aws:iam::${ACCOUNT}:user/notes-service`,
      `arn:aws:iam::${ACCOUNT}:user/ghost`,
      `arn:aws:iam::${ACCOUNT}:role/office`,
      `arn:aws:iam::${ACCOUNT}:role/no-such-role`,
      `arn:aws:sts::${ACCOUNT}:assumed-role/no-such-role/s`,
      `arn:aws:iam::999999999999:root`,
    ])
      expect(await ask(about(arn), reader)).toEqual(denial(arn));
  });

  it('gives a caller without tessera:Authorize on every principal the same AccessDenied for an unknown access key and a wrong signature', async () => {
    const forwarded = async (credentials: SigningCredentials) => {
      const signer = new SignatureV4({ service: 'notes', region: 'us-east-1', credentials, sha256: Sha256 });
      const signed = await signer.sign({
        method: 'GET',
        protocol: 'http:',
        hostname: 'notes.example',
        path: '/notes/a',
        headers: { host: 'notes.example' },
      });
      return {
        request: { method: 'GET', path: '/notes/a', headers: signed.headers as Record<string, string> },
        action: 'notes:GetNote',
        resource: note('a'),
      };
    };
    const unknownKey = await forwarded({
      accessKeyId: 'AKIAUNKNOWNKEY000001',
      secretAccessKey: 'x'.repeat(40),
    });
    const wrongSecret = await forwarded({ ...service, secretAccessKey: 'y'.repeat(40) });
    const denial = {
      status: 403,
      json: {
        error: {
          code: 'AccessDenied',
          message: `User: arn:aws:iam::${ACCOUNT}:user/reader is not authorized to perform: tessera:Authorize on resource: * because no identity-based policy allows the tessera:Authorize action`,
        },
      },
    };
    expect(await ask(unknownKey, reader)).toEqual(denial);
    expect(await ask(wrongSecret, reader)).toEqual(denial);
    // a caller allowed tessera:Authorize on every principal is told why the forwarded request fails
    expect((await ask(unknownKey)).json.error).toMatchObject({ code: 'InvalidClientTokenId' });
    expect((await ask(wrongSecret)).json.error).toMatchObject({ code: 'SignatureDoesNotMatch' });
  });

  it('answers 400 for a malformed question and 404 for an unknown principal', async () => {
    expect((await ask({ action: 'notes:GetNote', resource: '*' })).status).toBe(400);
    expect(
      (await ask({ principalArn: 'x', request: {}, action: 'notes:GetNote', resource: '*' })).status,
    ).toBe(400);
    const unknown = await ask({
      principalArn: `arn:aws:iam::${ACCOUNT}:user/ghost`,
      action: 'notes:GetNote',
      resource: '*',
    });
    expect(unknown.status).toBe(404);
    expect((unknown.json.error as { code: string }).code).toBe('NoSuchEntity');
  });

  it('answers a known principalArn without reading the store, and follows changes to its account', async () => {
    const iam = t.iam();
    const question = (principalArn: string) =>
      ask({ principalArn, action: 'notes:GetNote', resource: note('a') });
    const userArn = `arn:aws:iam::${ACCOUNT}:user/later`;
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/team/later-role`;
    // the answers "no such user" and "no such role" are not kept past the account's next change
    expect((await question(userArn)).status).toBe(404);
    expect((await question(roleArn)).status).toBe(404);
    await iam.send(new CreateUserCommand({ UserName: 'later' }));
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'later-role',
        Path: '/team/',
        AssumeRolePolicyDocument: doc([
          { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' },
        ]),
      }),
    );
    expect((await question(userArn)).json.principal).toMatchObject({ arn: userArn });
    expect((await question(roleArn)).status).toBe(200);
    // a role's ARN must match with its path, as a lookup by ARN would
    expect((await question(`arn:aws:iam::${ACCOUNT}:role/later-role`)).status).toBe(404);
    expect((await question(`arn:aws:iam::${ACCOUNT}:root`)).status).toBe(200);

    const read = vi.spyOn(t.server.services.store, 'read');
    try {
      for (const arn of [userArn, roleArn, `arn:aws:iam::${ACCOUNT}:root`])
        expect((await question(arn)).status).toBe(200);
      expect(read).not.toHaveBeenCalled();
    } finally {
      read.mockRestore();
    }

    await iam.send(new DeleteUserCommand({ UserName: 'later' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'later-role' }));
    expect((await question(userArn)).status).toBe(404);
    expect((await question(roleArn)).status).toBe(404);
  });

  it('gives the same answers as a library function', async () => {
    const { services } = t.server;
    const authenticator = new Authenticator(
      services.store,
      services.sealer,
      new LastUsedBuffer(services.store),
      {
        enabled: false,
        defaultAccountId: ACCOUNT,
      },
    );
    const deps = { services, authenticator };
    const b = await authorizeExternalRequest(deps, {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/reader`,
      action: 'notes:GetNote',
      resource: note('c'),
    });
    expect(b).toMatchObject({
      decision: 'ExplicitDeny',
      reason: 'with an explicit deny in an identity-based policy',
      matchedStatements: [{ sid: 'NeverC', effect: 'Deny', statementIndex: 1 }],
    });
    // the denial carries an encoded message that STS decodes for a caller allowed to
    const decoded = await t
      .sts()
      .send(new DecodeAuthorizationMessageCommand({ EncodedMessage: b.encodedAuthorizationMessage! }));
    expect(JSON.parse(decoded.DecodedMessage!)).toMatchObject({
      allowed: false,
      explicitDeny: true,
      matchedStatements: { items: [{ statementId: 'NeverC', effect: 'Deny' }] },
      context: { action: 'notes:GetNote', resource: note('c') },
    });
    const allowed = await authorizeExternalRequest(deps, {
      principalArn: `arn:aws:iam::${ACCOUNT}:user/reader`,
      action: 'notes:GetNote',
      resource: note('a'),
    });
    expect(allowed.encodedAuthorizationMessage).toBeUndefined();
    const bad = await authorizeExternalRequest(deps, {
      request: {
        method: 'GET',
        path: '/notes/a',
        headers: { host: 'example', authorization: 'AWS4-HMAC-SHA256 nonsense' },
      },
      action: 'notes:GetNote',
      resource: note('a'),
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ExternalAuthorizationError);
    expect((bad as ExternalAuthorizationError).status).toBe(401);
  });

  it("verifies a forwarded request from its body's SHA-256 alone, and refuses a wrong digest", async () => {
    const body = 'a note about a';
    const signer = new SignatureV4({
      service: 'notes',
      region: 'us-east-1',
      credentials: reader,
      sha256: Sha256,
    });
    const signed = await signer.sign({
      method: 'PUT',
      protocol: 'http:',
      hostname: 'notes.example',
      path: '/notes/a',
      headers: { host: 'notes.example', 'content-type': 'text/plain' },
      body,
    });
    const headers = signed.headers as Record<string, string>;
    const question = (bodySha256: string) => ({
      request: { method: 'PUT', path: '/notes/a', headers, bodySha256 },
      action: 'notes:GetNote',
      resource: note('a'),
    });
    const digest = createHash('sha256').update(body).digest('hex');
    const ok = await ask(question(digest));
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      decision: 'Allow',
      principal: { arn: `arn:aws:iam::${ACCOUNT}:user/reader` },
    });
    const wrong = await ask(question(createHash('sha256').update('another body').digest('hex')));
    expect(wrong.status).toBe(401);
  });
});
