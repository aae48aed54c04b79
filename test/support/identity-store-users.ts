// Users and groups of an identity store for SSO Admin tests, created through the real Identity Store
// API (@aws-sdk/client-identitystore) as the management account's root.
import { CreateGroupCommand, CreateUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import type { TestServer } from './test-server.ts';

const client = (t: TestServer) =>
  new IdentitystoreClient({ endpoint: t.url, region: 'us-east-1', credentials: t.root, maxAttempts: 1 });

export async function createDirectoryUserFor(
  t: TestServer,
  identityStoreId: string,
  userName: string,
): Promise<string> {
  const { UserId } = await client(t).send(
    new CreateUserCommand({
      IdentityStoreId: identityStoreId,
      UserName: userName,
      DisplayName: userName,
      Name: { GivenName: userName, FamilyName: 'Example' },
    }),
  );
  return UserId!;
}

export async function createDirectoryGroupFor(
  t: TestServer,
  identityStoreId: string,
  name: string,
): Promise<string> {
  const { GroupId } = await client(t).send(
    new CreateGroupCommand({ IdentityStoreId: identityStoreId, DisplayName: name }),
  );
  return GroupId!;
}
