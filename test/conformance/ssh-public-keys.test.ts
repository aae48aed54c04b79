// SSH public keys of IAM users (for CodeCommit) with the real AWS SDK v3 and AWS CLI, on each storage
// backend: upload in OpenSSH or PEM form, get in either encoding, list with paging, activate and
// deactivate, delete; and AWS's errors for keys that are unreadable, too short, repeated or too many.
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UploadSSHPublicKey.html
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  GetSSHPublicKeyCommand,
  ListSSHPublicKeysCommand,
  PutUserPolicyCommand,
  UpdateSSHPublicKeyCommand,
  UploadSSHPublicKeyCommand,
  type EncodingType,
} from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, CLI_VERSIONS, describeEachCli, type AwsCli } from '../support/aws-cli.ts';
import { awsError, BACKENDS, startTestServer, type TestServer } from '../support/test-server.ts';

const ACCOUNT = '123456789012';

/** An SSH wire-format string. */
function wireString(bytes: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([len, bytes]);
}

/** An SSH mpint of an unsigned big-endian integer. */
function wireMpint(bytes: Buffer): Buffer {
  return wireString(bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

/** A public key in OpenSSH form, and its MD5 fingerprint as `ssh-keygen -l -E md5` prints it. */
function openssh(key: KeyObject, comment = 'alice@example.com') {
  const jwk = key.export({ format: 'jwk' });
  const blob = Buffer.concat([
    wireString(Buffer.from('ssh-rsa')),
    wireMpint(Buffer.from(jwk.e!, 'base64url')),
    wireMpint(Buffer.from(jwk.n!, 'base64url')),
  ]);
  const md5 = createHash('md5').update(blob).digest('hex');
  return {
    line: `ssh-rsa ${blob.toString('base64')} ${comment}`,
    bare: `ssh-rsa ${blob.toString('base64')}`,
    fingerprint: md5.match(/../g)!.join(':'),
  };
}

const rsaKey = (bits = 2048) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey;

describe.each(BACKENDS)('SSH public keys on %s', (backend) => {
  let t: TestServer;
  // a few keys generated once: RSA generation is slow
  const keys = Array.from({ length: 7 }, () => rsaKey());
  const key = (i: number) => openssh(keys[i]!);

  beforeAll(async () => {
    t = await startTestServer(backend);
    for (const name of ['alice', 'bob', 'carol', 'dave'])
      await t.iam().send(new CreateUserCommand({ UserName: name }));
  });
  afterAll(() => t.destroy());

  const upload = (UserName: string, SSHPublicKeyBody: string) =>
    t.iam().send(new UploadSSHPublicKeyCommand({ UserName, SSHPublicKeyBody }));
  const get = (UserName: string, SSHPublicKeyId: string, Encoding: EncodingType) =>
    t.iam().send(new GetSSHPublicKeyCommand({ UserName, SSHPublicKeyId, Encoding }));

  it('uploads an OpenSSH key and returns it with an APKA id and its MD5 fingerprint', async () => {
    const k = key(0);
    const out = await upload('alice', k.line);
    const uploaded = out.SSHPublicKey!;
    expect(uploaded.SSHPublicKeyId).toMatch(/^APKA[A-Z2-7]{16}$/);
    expect(uploaded).toMatchObject({
      UserName: 'alice',
      Fingerprint: k.fingerprint,
      SSHPublicKeyBody: k.bare,
      Status: 'Active',
    });
    expect(uploaded.UploadDate).toBeInstanceOf(Date);

    const ssh = await get('alice', uploaded.SSHPublicKeyId!, 'SSH');
    expect(ssh.SSHPublicKey).toMatchObject({ SSHPublicKeyBody: k.bare, Fingerprint: k.fingerprint });
    const pem = await get('alice', uploaded.SSHPublicKeyId!, 'PEM');
    const body = pem.SSHPublicKey!.SSHPublicKeyBody!;
    expect(body).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(createPublicKey(body).export({ format: 'jwk' })).toEqual(keys[0]!.export({ format: 'jwk' }));
  });

  it('uploads PEM keys, SubjectPublicKeyInfo and PKCS#1, and stores them in OpenSSH form', async () => {
    const spki = keys[1]!.export({ type: 'spki', format: 'pem' }).toString();
    const a = (await upload('bob', spki)).SSHPublicKey!;
    expect(a).toMatchObject({ Fingerprint: key(1).fingerprint, SSHPublicKeyBody: key(1).bare });
    const pkcs1 = keys[2]!.export({ type: 'pkcs1', format: 'pem' }).toString();
    const b = (await upload('bob', pkcs1)).SSHPublicKey!;
    expect(b.Fingerprint).toBe(key(2).fingerprint);
    expect((await get('bob', b.SSHPublicKeyId!, 'SSH')).SSHPublicKey!.SSHPublicKeyBody).toBe(key(2).bare);
  });

  it('lists a user’s keys oldest first, in pages', async () => {
    const all = await t.iam().send(new ListSSHPublicKeysCommand({ UserName: 'bob' }));
    expect(all.IsTruncated).toBe(false);
    expect(all.SSHPublicKeys).toHaveLength(2);
    expect(all.SSHPublicKeys![0]).toMatchObject({ UserName: 'bob', Status: 'Active' });
    expect(all.SSHPublicKeys![0]!.UploadDate).toBeInstanceOf(Date);
    const first = await t.iam().send(new ListSSHPublicKeysCommand({ UserName: 'bob', MaxItems: 1 }));
    expect(first).toMatchObject({ IsTruncated: true });
    expect(first.SSHPublicKeys).toEqual([all.SSHPublicKeys![0]]);
    const second = await t
      .iam()
      .send(new ListSSHPublicKeysCommand({ UserName: 'bob', MaxItems: 1, Marker: first.Marker }));
    expect(second.IsTruncated).toBe(false);
    expect(second.SSHPublicKeys).toEqual([all.SSHPublicKeys![1]]);
  });

  it('lists the calling user’s keys when UserName is omitted, and none for the root', async () => {
    await t.iam().send(
      new PutUserPolicyCommand({
        UserName: 'bob',
        PolicyName: 'own-keys',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'iam:ListSSHPublicKeys',
              Resource: `arn:aws:iam::${ACCOUNT}:user/bob`,
            },
          ],
        }),
      }),
    );
    const { AccessKey } = await t.iam().send(new CreateAccessKeyCommand({ UserName: 'bob' }));
    const bob = t.iam({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    const own = await bob.send(new ListSSHPublicKeysCommand({}));
    expect(own.SSHPublicKeys!.map((k) => k.UserName)).toEqual(['bob', 'bob']);
    await t.iam().send(new DeleteAccessKeyCommand({ UserName: 'bob', AccessKeyId: AccessKey!.AccessKeyId! }));
    await t.iam().send(new DeleteUserPolicyCommand({ UserName: 'bob', PolicyName: 'own-keys' }));

    const root = await t.iam().send(new ListSSHPublicKeysCommand({}));
    expect(root).toMatchObject({ SSHPublicKeys: [], IsTruncated: false });
  });

  it('makes a key Inactive and Active again', async () => {
    const id = (await t.iam().send(new ListSSHPublicKeysCommand({ UserName: 'alice' }))).SSHPublicKeys![0]!
      .SSHPublicKeyId!;
    await t
      .iam()
      .send(new UpdateSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Status: 'Inactive' }));
    expect((await get('alice', id, 'SSH')).SSHPublicKey!.Status).toBe('Inactive');
    await t
      .iam()
      .send(new UpdateSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Status: 'Active' }));
    expect((await get('alice', id, 'SSH')).SSHPublicKey!.Status).toBe('Active');
    const expired = await awsError(() =>
      t
        .iam()
        .send(new UpdateSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: id, Status: 'Expired' })),
    );
    expect(expired).toMatchObject({ code: 'InvalidInput', status: 400 });
  });

  it('refuses the same key twice for one user, and accepts it for another', async () => {
    const err = await awsError(() => upload('alice', key(0).line));
    expect(err).toMatchObject({
      name: 'DuplicateSSHPublicKeyException',
      code: 'DuplicateSSHPublicKey',
      status: 400,
    });
    const other = await upload('carol', key(0).line);
    expect(other.SSHPublicKey!.Fingerprint).toBe(key(0).fingerprint);
  });

  it('refuses keys that are not ssh-rsa or PEM with UnrecognizedPublicKeyEncoding', async () => {
    const ed25519 = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    const edBlob = Buffer.concat([
      wireString(Buffer.from('ssh-ed25519')),
      wireString(Buffer.from(ed25519.x!, 'base64url')),
    ]);
    for (const body of [`ssh-ed25519 ${edBlob.toString('base64')} me@host`, 'not a key at all']) {
      const err = await awsError(() => upload('dave', body));
      expect(err, body).toMatchObject({
        name: 'UnrecognizedPublicKeyEncodingException',
        code: 'UnrecognizedPublicKeyEncoding',
        status: 400,
      });
    }
  });

  it('refuses short, corrupt, private and non-RSA keys with InvalidPublicKey', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bodies = [
      openssh(rsaKey(1024)).line,
      'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ== truncated',
      'ssh-rsa !!!notbase64!!!',
      ec.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n',
    ];
    for (const body of bodies) {
      const err = await awsError(() => upload('dave', body));
      expect(err, body).toMatchObject({
        name: 'InvalidPublicKeyException',
        code: 'InvalidPublicKey',
        status: 400,
      });
    }
    expect((await t.iam().send(new ListSSHPublicKeysCommand({ UserName: 'dave' }))).SSHPublicKeys).toEqual(
      [],
    );
  });

  it('refuses a sixth key with LimitExceeded', async () => {
    for (let i = 1; i <= 4; i++) await upload('carol', key(i).line);
    const err = await awsError(() => upload('carol', key(5).line));
    expect(err).toMatchObject({
      name: 'LimitExceededException',
      code: 'LimitExceeded',
      status: 409,
      message: 'Cannot exceed quota for SSHPublicKeysPerUser: 5',
    });
  });

  it('answers NoSuchEntity for an unknown user, an unknown key and another user’s key', async () => {
    const aliceKey = (await t.iam().send(new ListSSHPublicKeysCommand({ UserName: 'alice' })))
      .SSHPublicKeys![0]!.SSHPublicKeyId!;
    const cases = [
      () => upload('nobody', key(6).line),
      () => t.iam().send(new ListSSHPublicKeysCommand({ UserName: 'nobody' })),
      () => get('alice', 'APKAAAAAAAAAAAAAAAAA', 'SSH'),
      () => get('bob', aliceKey, 'SSH'),
      () =>
        t
          .iam()
          .send(
            new UpdateSSHPublicKeyCommand({ UserName: 'bob', SSHPublicKeyId: aliceKey, Status: 'Inactive' }),
          ),
      () => t.iam().send(new DeleteSSHPublicKeyCommand({ UserName: 'bob', SSHPublicKeyId: aliceKey })),
    ];
    for (const call of cases)
      expect(await awsError(call)).toMatchObject({
        name: 'NoSuchEntityException',
        code: 'NoSuchEntity',
        status: 404,
      });
    expect(await awsError(() => get('bob', aliceKey, 'SSH'))).toMatchObject({
      message: `The Public Key with id ${aliceKey} cannot be found.`,
    });
  });

  it('refuses an encoding outside the model’s enum with ValidationError', async () => {
    const id = (await t.iam().send(new ListSSHPublicKeysCommand({ UserName: 'alice' }))).SSHPublicKeys![0]!
      .SSHPublicKeyId!;
    const err = await awsError(() => get('alice', id, 'XML' as EncodingType));
    expect(err).toMatchObject({ code: 'ValidationError', status: 400 });
  });

  it('keeps a user with SSH keys from being deleted until they are deleted', async () => {
    const err = await awsError(() => t.iam().send(new DeleteUserCommand({ UserName: 'alice' })));
    expect(err).toMatchObject({
      name: 'DeleteConflictException',
      code: 'DeleteConflict',
      status: 409,
      message: 'Cannot delete entity, must remove referenced objects first.',
    });
    for (const k of (await t.iam().send(new ListSSHPublicKeysCommand({ UserName: 'alice' }))).SSHPublicKeys!)
      await t
        .iam()
        .send(new DeleteSSHPublicKeyCommand({ UserName: 'alice', SSHPublicKeyId: k.SSHPublicKeyId! }));
    expect((await t.iam().send(new ListSSHPublicKeysCommand({ UserName: 'alice' }))).SSHPublicKeys).toEqual(
      [],
    );
    await t.iam().send(new DeleteUserCommand({ UserName: 'alice' }));
  });
});

describeEachCli(CLI_VERSIONS.flatMap((v) => BACKENDS.map((b) => [v, b] as const)))(
  'SSH public keys with AWS CLI %s on %s',
  { timeout: 120_000 },
  (version, backend) => {
    let t: TestServer;
    let aws: AwsCli;
    const k = openssh(rsaKey());
    beforeAll(async () => {
      t = await startTestServer(backend);
      aws = await awsCli(version, t.url, t.root);
      await t.iam().send(new CreateUserCommand({ UserName: 'cli-user' }));
    });
    afterAll(() => t?.destroy());

    it('uploads, lists, gets and deletes a key', async () => {
      type Key = { SSHPublicKeyId: string; Fingerprint: string; SSHPublicKeyBody: string; Status: string };
      const up = await aws.json<{ SSHPublicKey: Key }>([
        'iam',
        'upload-ssh-public-key',
        '--user-name',
        'cli-user',
        '--ssh-public-key-body',
        k.line,
      ]);
      expect(up.SSHPublicKey).toMatchObject({ Fingerprint: k.fingerprint, Status: 'Active' });
      const id = up.SSHPublicKey.SSHPublicKeyId;
      const list = await aws.json<{ SSHPublicKeys: { SSHPublicKeyId: string }[] }>([
        'iam',
        'list-ssh-public-keys',
        '--user-name',
        'cli-user',
      ]);
      expect(list.SSHPublicKeys.map((x) => x.SSHPublicKeyId)).toEqual([id]);
      const got = await aws.json<{ SSHPublicKey: Key }>([
        'iam',
        'get-ssh-public-key',
        '--user-name',
        'cli-user',
        '--ssh-public-key-id',
        id,
        '--encoding',
        'SSH',
      ]);
      expect(got.SSHPublicKey.SSHPublicKeyBody).toBe(k.bare);
      await aws.json(['iam', 'delete-ssh-public-key', '--user-name', 'cli-user', '--ssh-public-key-id', id]);
      const gone = await aws.run([
        'iam',
        'get-ssh-public-key',
        '--user-name',
        'cli-user',
        '--ssh-public-key-id',
        id,
        '--encoding',
        'SSH',
      ]);
      expect(gone.status).not.toBe(0);
      expect(gone.stderr).toContain('NoSuchEntity');
    });
  },
);
