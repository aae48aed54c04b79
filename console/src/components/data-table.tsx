// A read-only table of API rows: a caption, one header per column, a message when there are none,
// and a wrapper that scrolls sideways on a narrow window instead of breaking the layout.
import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

interface DataTableProps<T> {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[] | undefined;
  rowKey: (row: T) => string;
  loading: boolean;
  empty: string;
}

export function DataTable<T>({ caption, columns, rows, rowKey, loading, empty }: DataTableProps<T>) {
  return (
    // a narrow window scrolls the table sideways: the region takes the keyboard focus that scrolls it
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table aria-busy={loading}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows === undefined || rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="table-empty">
                {rows === undefined && loading ? 'Loading…' : empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) => (
                  <td key={column.header}>{column.cell(row)}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
