// Users: the account's IAM users (ListUsers, every page) and a form to create one (CreateUser).
import { useCallback, useState, type FormEvent } from 'react';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorAlert } from '../components/error-alert.tsx';
import { PageHeading } from '../components/page-heading.tsx';
import { TextField } from '../components/text-field.tsx';
import { formatDate } from '../format.ts';
import { listAll } from '../pagination.ts';
import { href } from '../router.ts';
import { useCall, useLoad } from '../use-api.ts';

interface User {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
}

const COLUMNS: readonly Column<User>[] = [
  {
    header: 'User name',
    cell: (user) => <a href={href({ page: 'user', userName: user.UserName })}>{user.UserName}</a>,
  },
  { header: 'Path', cell: (user) => user.Path },
  { header: 'Created', cell: (user) => formatDate(user.CreateDate) },
];

export function UsersPage() {
  const call = useCall();
  const users = useLoad(useCallback(() => listAll<User>(call, 'ListUsers', {}, 'Users'), [call]));

  return (
    <>
      <PageHeading>Users</PageHeading>
      <ErrorAlert error={users.error} />
      <DataTable
        caption="IAM users in this account"
        columns={COLUMNS}
        rows={users.data}
        rowKey={(user) => user.UserId}
        loading={users.loading}
        empty="No users."
      />
      <CreateUserForm onCreated={users.reload} />
    </>
  );
}

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const call = useCall();
  const [userName, setUserName] = useState('');
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setCreated(undefined);
    try {
      await call('iam', 'CreateUser', { UserName: userName.trim() });
      setCreated(userName.trim());
      setUserName('');
      onCreated();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="create-user-heading">
      <h2 id="create-user-heading">Create user</h2>
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <TextField label="User name" value={userName} onChange={setUserName} autoComplete="off" required />
        <button type="submit" className="primary" disabled={busy}>
          Create user
        </button>
      </form>
      <ErrorAlert error={error} />
      <p role="status" className="status">
        {created === undefined ? '' : `User ${created} created.`}
      </p>
    </section>
  );
}
