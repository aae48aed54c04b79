// An entity's tags: the list (List…Tags, every page), one added (Tag…) and one removed (Untag…) —
// the same three actions for each taggable entity, which differ only by the member naming it.
import { useCallback, useState } from 'react';
import { listAll } from '../pagination.ts';
import { useAction } from '../use-action.ts';
import { useCall, useLoad } from '../use-api.ts';
import { ActionForm } from './action-form.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { Panel } from './panel.tsx';
import { TextField } from './text-field.tsx';

/** The request member that names each taggable entity. */
const NAMED_BY = {
  User: 'UserName',
  Role: 'RoleName',
  Policy: 'PolicyArn',
  OpenIDConnectProvider: 'OpenIDConnectProviderArn',
  SAMLProvider: 'SAMLProviderArn',
} as const;

interface Tag {
  Key: string;
  Value: string;
}

export function TagsSection({ entity, id }: { entity: keyof typeof NAMED_BY; id: string }) {
  const call = useCall();
  const named = useCallback(() => ({ [NAMED_BY[entity]]: id }), [entity, id]);
  const tags = useLoad(
    useCallback(() => listAll<Tag>(call, `List${entity}Tags`, named(), 'Tags'), [call, entity, named]),
  );
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const action = useAction();

  const add = () => {
    const tag = { Key: key.trim(), Value: value };
    void action.run(async () => {
      await call('iam', `Tag${entity}`, { ...named(), Tags: [tag] });
      setKey('');
      setValue('');
      tags.reload();
    }, `Tag ${tag.Key} added.`);
  };
  const remove = (tagKey: string) =>
    void action.run(async () => {
      await call('iam', `Untag${entity}`, { ...named(), TagKeys: [tagKey] });
      tags.reload();
    }, `Tag ${tagKey} removed.`);

  const columns: readonly Column<Tag>[] = [
    { header: 'Key', cell: (tag) => tag.Key },
    { header: 'Value', cell: (tag) => tag.Value },
    {
      header: 'Remove',
      cell: (tag) => (
        <button type="button" onClick={() => remove(tag.Key)} disabled={action.busy}>
          Remove tag<span className="visually-hidden"> {tag.Key}</span>
        </button>
      ),
    },
  ];
  return (
    <Panel title="Tags">
      <ErrorAlert error={tags.error} />
      <DataTable
        caption="Tags"
        columns={columns}
        rows={tags.data}
        rowKey={(tag) => tag.Key}
        loading={tags.loading}
        empty="No tags."
      />
      <ActionForm action={action} onSubmit={add} submit="Add tag" inline>
        <TextField label="Tag key" value={key} onChange={setKey} autoComplete="off" required />
        <TextField label="Tag value" value={value} onChange={setValue} autoComplete="off" />
      </ActionForm>
    </Panel>
  );
}
