// The users, groups and roles a managed policy is attached to (ListEntitiesForPolicy, every page of
// each kind), each linking to its page.
import { useCallback } from 'react';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import type { PolicyHolder } from '../../iam-entity.ts';
import { listAll } from '../../pagination.ts';
import { href, type EntityPage } from '../../router.ts';
import { useCall, useLoad } from '../../use-api.ts';
import { Panel } from '../../components/panel.tsx';

interface Entity {
  kind: PolicyHolder;
  name: string;
}

const KINDS = ['User', 'Group', 'Role'] as const satisfies readonly PolicyHolder[];
const PAGE_OF: Record<PolicyHolder, EntityPage> = { User: 'user', Group: 'group', Role: 'role' };

const COLUMNS: readonly Column<Entity>[] = [
  {
    header: 'Entity name',
    cell: (e) => <a href={href({ page: PAGE_OF[e.kind], name: e.name })}>{e.name}</a>,
  },
  { header: 'Entity type', cell: (e) => e.kind },
];

export function PolicyEntitiesSection({ policyArn }: { policyArn: string }) {
  const call = useCall();
  const entities = useLoad(
    useCallback(async () => {
      const lists = await Promise.all(
        KINDS.map(async (kind) => {
          const rows = await listAll<Record<string, string>>(
            call,
            'ListEntitiesForPolicy',
            { PolicyArn: policyArn, EntityFilter: kind },
            `Policy${kind}s`,
          );
          return rows.map((row): Entity => ({ kind, name: row[`${kind}Name`] ?? '' }));
        }),
      );
      return lists.flat();
    }, [call, policyArn]),
  );
  return (
    <Panel title="Entities attached">
      <ErrorAlert error={entities.error} />
      <DataTable
        caption="Users, groups and roles this policy is attached to"
        columns={COLUMNS}
        rows={entities.data}
        rowKey={(e) => `${e.kind}/${e.name}`}
        loading={entities.loading}
        empty="Not attached to any entity."
      />
    </Panel>
  );
}
