import type { LeadSummary } from '@beaker/contracts';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { formatPhone } from '../../calls/components/call-format';
import { formatDateTime } from '../../dashboard/components/dashboard-format';
import { formatAttemptTime, LEAD_SOURCE_LABELS, reasonSentence } from './lead-format';
import { LeadStatusChip } from './lead-status-chip';
import '../../../components/data-table.css';

const column = createColumnHelper<LeadSummary>();

/** The leads as a table (cards on narrow screens): who, status in a word and a sentence, where from, when, what next. */
export function LeadTable({ businessId, leads, caption }: { businessId: string; leads: LeadSummary[]; caption: string }) {
  const columns = useMemo(
    () => [
      column.accessor((lead) => lead.name ?? formatPhone(lead.phone), {
        id: 'name',
        header: 'Name',
        cell: (info) => (
          <Link to={`/app/businesses/${businessId}/leads/${info.row.original.id}`} className="lead-table__name">
            {info.getValue()}
          </Link>
        ),
      }),
      column.accessor('phone', { header: 'Phone', cell: (info) => <span className="nowrap">{formatPhone(info.getValue())}</span> }),
      column.accessor('status', {
        header: 'Status',
        cell: (info) => (
          <>
            <LeadStatusChip status={info.getValue()} />
            {info.row.original.statusReason ? <span className="lead-table__reason">{reasonSentence(info.row.original.statusReason)}</span> : null}
          </>
        ),
      }),
      column.accessor('source', { header: 'Source', cell: (info) => LEAD_SOURCE_LABELS[info.getValue()] }),
      column.accessor('createdAt', { header: 'Created', cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time> }),
      column.accessor('nextAttemptAt', {
        header: 'Next attempt',
        cell: (info) => {
          const next = info.getValue();
          return next ? <time dateTime={next}>{formatAttemptTime(next)}</time> : <span className="muted">—</span>;
        },
      }),
    ],
    [businessId],
  );
  const table = useReactTable({ data: leads, columns, getCoreRowModel: getCoreRowModel(), getRowId: (lead) => lead.id });

  return (
    <table className="data-table" data-testid="lead-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} scope="col">
                {flexRender(header.column.columnDef.header, header.getContext())}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-lead-id={row.id}>
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id} data-label={String(cell.column.columnDef.header)} className={`lead-table__${cell.column.id}${cell.column.id === 'name' ? ' data-table__title' : ''}`}>
                {/* One box per cell: on narrow screens the cell is a grid of its label and this. */}
                <div>{flexRender(cell.column.columnDef.cell, cell.getContext())}</div>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
