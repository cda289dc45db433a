import { COST_GROUPINGS, type AdminBusinessMargin, type CostGrouping, type ProviderCostRow } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { useId, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { planLabel } from '../../dashboard/components/dashboard-format';
import { costsCsvHref, type CostQuery } from '../api/admin-api';
import { Facts, Usd } from '../components/admin-format';
import { DataTable, LoadMore } from '../../../components/data-table';
import { useAdminCosts } from '../hooks/use-admin-costs';

const business = createColumnHelper<AdminBusinessMargin>();
const businessColumns = [
  business.accessor('businessName', { header: 'Business', cell: (i) => <Link to={`/admin/businesses/${i.row.original.businessId}`}>{i.getValue()}</Link> }),
  business.accessor('plan', { header: 'Plan', cell: (i) => planLabel(i.getValue()) }),
  business.accessor('status', { header: 'Status' }),
  business.accessor('revenueUsd', { header: 'Revenue', cell: (i) => <Usd value={i.getValue()} /> }),
  business.accessor('calls', { header: 'Calls' }),
  business.accessor('costUsd', { header: 'Call costs', cell: (i) => <Usd value={i.getValue()} /> }),
  business.accessor('marginUsd', { header: 'Margin', cell: (i) => <Usd value={i.getValue()} signed /> }),
];

const provider = createColumnHelper<ProviderCostRow>();
const providerColumns = [
  provider.accessor('day', { header: 'Day (UTC)' }),
  provider.accessor('provider', { header: 'Provider' }),
  provider.accessor('calls', { header: 'Calls' }),
  provider.accessor('costUsd', { header: 'Cost', cell: (i) => <Usd value={i.getValue()} /> }),
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** What the form holds: whole UTC days, both included. */
interface PeriodValues {
  fromDate: string;
  toDate: string;
  groupBy: CostGrouping;
}

function valuesFromParams(params: URLSearchParams, now: Date): PeriodValues {
  const groupBy = params.get('groupBy');
  return {
    fromDate: DAY.test(params.get('from') ?? '') ? params.get('from')! : utcDay(new Date(now.getTime() - 29 * DAY_MS)),
    toDate: DAY.test(params.get('to') ?? '') ? params.get('to')! : utcDay(now),
    groupBy: (COST_GROUPINGS as readonly string[]).includes(groupBy ?? '') ? (groupBy as CostGrouping) : 'business',
  };
}

/** The API's period: [from 00:00 UTC, the day after `to` 00:00 UTC). */
export function toCostQuery(values: PeriodValues): CostQuery {
  const to = new Date(`${values.toDate}T00:00:00.000Z`);
  return { from: `${values.fromDate}T00:00:00.000Z`, to: new Date(to.getTime() + DAY_MS).toISOString(), groupBy: values.groupBy };
}

/** /admin/costs: call costs per provider per day, or revenue minus call costs per business (least profitable first), with a CSV export. */
export function CostsPage() {
  usePageTitle('Costs and margin · Admin');
  const [params, setParams] = useSearchParams();
  const values = valuesFromParams(params, new Date());
  const query = toCostQuery(values);
  const report = useAdminCosts(query);
  const pages = report.data?.pages ?? [];
  const totals = pages[0]?.totals;

  function apply(next: PeriodValues) {
    setParams(new URLSearchParams({ from: next.fromDate, to: next.toDate, groupBy: next.groupBy }), { replace: true });
  }

  return (
    <>
      <header className="page-header">
        <h1>Costs and margin</h1>
        <p className="lead">What calls cost per provider and day, and per business what it paid (Stripe invoices) minus what its calls cost. Days are UTC.</p>
      </header>
      <div className="card">
        <PeriodForm key={params.toString()} values={values} onApply={apply} />
      </div>
      <div className="card" aria-busy={report.isFetching}>
        <p>
          <a className="btn btn--secondary" href={costsCsvHref(query)} download data-testid="costs-csv">
            Download CSV
          </a>
        </p>
        {report.isPending ? (
          <p className="muted">Loading the report…</p>
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <>
            {totals ? (
              <Facts
                items={[
                  ['Calls', String(totals.calls)],
                  ['Call costs', <Usd value={totals.costUsd} />],
                  ...(totals.revenueUsd === null ? [] : ([['Revenue', <Usd value={totals.revenueUsd} />]] as [string, ReactNode][])),
                  ...(totals.marginUsd === null ? [] : ([['Margin', <Usd value={totals.marginUsd} signed />]] as [string, ReactNode][])),
                ]}
              />
            ) : null}
            {values.groupBy === 'business' ? (
              <BusinessTable rows={pages.flatMap((p) => p.items as AdminBusinessMargin[])} />
            ) : (
              <ProviderTable rows={pages.flatMap((p) => p.items as ProviderCostRow[])} />
            )}
            <LoadMore hasMore={Boolean(report.hasNextPage)} loading={report.isFetchingNextPage} onLoad={() => void report.fetchNextPage()} what="rows" />
          </>
        )}
      </div>
    </>
  );
}

function BusinessTable({ rows }: { rows: AdminBusinessMargin[] }) {
  if (rows.length === 0) return <p className="muted">No business paid or called in this period.</p>;
  return <DataTable data={rows} columns={businessColumns} caption="Margin per business, least profitable first" getRowId={(r) => r.businessId} sortable testId="costs-table" />;
}

function ProviderTable({ rows }: { rows: ProviderCostRow[] }) {
  if (rows.length === 0) return <p className="muted">No call cost anything in this period.</p>;
  return <DataTable data={rows} columns={providerColumns} caption="Call costs per provider per day" getRowId={(r) => `${r.day}-${r.provider}`} sortable testId="costs-table" />;
}

function PeriodForm({ values, onApply }: { values: PeriodValues; onApply: (v: PeriodValues) => void }) {
  const id = useId();
  const { register, handleSubmit, formState } = useForm<PeriodValues>({ defaultValues: values });
  const errors = formState.errors;
  return (
    <form className="admin-filters" onSubmit={handleSubmit(onApply)} aria-label="Choose the period" noValidate>
      <div className="field">
        <label htmlFor={`${id}-from`} className="field__label">
          From
        </label>
        <input id={`${id}-from`} type="date" className="field__input" {...register('fromDate', { required: 'Choose the first day.' })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`} className="field__label">
          To
        </label>
        <input
          id={`${id}-to`}
          type="date"
          className="field__input"
          aria-invalid={errors.toDate ? true : undefined}
          aria-describedby={errors.toDate ? `${id}-to-error` : undefined}
          {...register('toDate', {
            required: 'Choose the last day.',
            validate: (to, all) => {
              if (all.fromDate && to < all.fromDate) return 'The last day must be on or after the first.';
              if (all.fromDate && (Date.parse(to) - Date.parse(all.fromDate)) / DAY_MS >= 366) return 'A report covers at most 366 days.';
              return true;
            },
          })}
        />
        {errors.toDate ? (
          <p id={`${id}-to-error`} className="field__error">
            {errors.toDate.message}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-group`} className="field__label">
          Group by
        </label>
        <select id={`${id}-group`} className="field__input" {...register('groupBy')}>
          <option value="business">Business (margin)</option>
          <option value="provider">Provider and day</option>
        </select>
      </div>
      <div className="lead-filters__buttons">
        <button type="submit" className="btn btn--secondary">
          Show
        </button>
      </div>
    </form>
  );
}
