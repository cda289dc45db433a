import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useState } from 'react';
// The table's styles, phones' stacked rows included, load with it: any page's chunk may be the first to need them.
import './data-table.css';

interface DataTableProps<T> {
  data: T[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TanStack's column helper gives each column its own value type
  columns: ColumnDef<T, any>[];
  caption: string;
  getRowId: (row: T) => string;
  /** Columns get sort buttons (sorting the rows loaded so far). */
  sortable?: boolean;
  initialSorting?: SortingState;
  testId?: string;
}

const SORT_WORDS = { asc: 'ascending', desc: 'descending' } as const;

/** Tables of records, staff's and owners' (TanStack Table): a caption, column headers with sort buttons, and on narrow screens a card per row. */
export function DataTable<T>({ data, columns, caption, getRowId, sortable = false, initialSorting = [], testId }: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const table = useReactTable({
    data,
    columns,
    getRowId,
    state: { sorting },
    onSortingChange: setSorting,
    enableSorting: sortable,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });

  return (
    <div className="data-table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th key={header.id} scope="col" aria-sort={sorted ? SORT_WORDS[sorted] : header.column.getCanSort() ? 'none' : undefined}>
                    {header.column.getCanSort() ? (
                      <button type="button" className="data-table__sort" onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        <span aria-hidden="true" className="data-table__arrow">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell, index) => (
                <td key={cell.id} data-label={String(cell.column.columnDef.header)} className={index === 0 ? 'data-table__title' : undefined}>
                  <div>{flexRender(cell.column.columnDef.cell, cell.getContext())}</div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Load more" under a paged list, when the API has another page. */
export function LoadMore({ hasMore, loading, onLoad, what }: { hasMore: boolean; loading: boolean; onLoad: () => void; what: string }) {
  if (!hasMore) return null;
  return (
    <div className="button-row button-row--center">
      <button type="button" className="btn btn--secondary" onClick={onLoad} disabled={loading}>
        {loading ? 'Loading…' : `Load more ${what}`}
      </button>
    </div>
  );
}
