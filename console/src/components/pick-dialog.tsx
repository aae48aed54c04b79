// A dialog to choose several entities from a list (policies to attach, users to add to a group,
// groups to add a user to): the list searched by name, a checkbox named for each entity, and the
// change applied to each chosen one in turn; the dialog closes when all are done, or stays open with
// the failure (AWS's message) that stopped it.
import { useState } from 'react';
import { useAction } from '../use-action.ts';
import { useLoad } from '../use-api.ts';
import { DataTable, type Column } from './data-table.tsx';
import { Dialog } from './dialog.tsx';
import { ErrorAlert } from './error-alert.tsx';
import { useShowMore } from './show-more.tsx';
import { TextField } from './text-field.tsx';

export interface PickDialogProps<T> {
  title: string;
  /** The kind in the plural, lower case: "policies", "users". */
  noun: string;
  /** Reads the choices; keep it stable (useCallback). */
  load: () => Promise<T[]>;
  keyOf: (row: T) => string;
  nameOf: (row: T) => string;
  /** Rows to leave out (already attached, already a member). */
  exclude?: ReadonlySet<string>;
  columns?: readonly Column<T>[];
  confirm: string;
  /** The change for one chosen row (AttachUserPolicy…). */
  apply: (row: T) => Promise<unknown>;
  /** The rows changed: all the chosen ones, or those before a failure. */
  onApplied: (applied: T[]) => void;
  onClose: () => void;
}

export function PickDialog<T>(props: PickDialogProps<T>) {
  const {
    title,
    noun,
    load,
    keyOf,
    nameOf,
    exclude,
    columns = [],
    confirm,
    apply,
    onApplied,
    onClose,
  } = props;
  const choices = useLoad(load);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const action = useAction();
  const needle = search.trim().toLowerCase();
  const rows = choices.data?.filter(
    (row) => !exclude?.has(keyOf(row)) && nameOf(row).toLowerCase().includes(needle),
  );
  const { shown, more } = useShowMore(rows);

  const toggle = (key: string, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const pick = () =>
    void action.run(async () => {
      const applied: T[] = [];
      try {
        for (const row of choices.data ?? []) {
          if (!chosen.has(keyOf(row))) continue;
          await apply(row);
          applied.push(row);
        }
      } finally {
        if (applied.length > 0) onApplied(applied);
      }
      onClose();
    });

  const nameColumn: Column<T> = {
    header: 'Name',
    cell: (row) => (
      <label className="checkbox-cell">
        <input
          type="checkbox"
          checked={chosen.has(keyOf(row))}
          onChange={(event) => toggle(keyOf(row), event.target.checked)}
        />
        {nameOf(row)}
      </label>
    ),
  };

  return (
    <Dialog title={title} onClose={onClose} wide>
      <TextField
        label={`Search ${noun}`}
        type="search"
        value={search}
        onChange={setSearch}
        autoComplete="off"
      />
      <ErrorAlert error={choices.error} />
      <div className="dialog-scroll">
        <DataTable
          caption={`${noun[0]?.toUpperCase() ?? ''}${noun.slice(1)} to choose from`}
          columns={[nameColumn, ...columns]}
          rows={shown}
          rowKey={keyOf}
          loading={choices.loading}
          empty={`No ${noun} match.`}
        />
        {more}
      </div>
      <ErrorAlert error={action.error} />
      <div className="form-actions dialog-actions">
        <span className="hint">{chosen.size} selected</span>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={pick} disabled={action.busy || chosen.size === 0}>
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}
