import { FUNNEL_STEPS, type FunnelRow, type FunnelStep, type FunnelStepFigure, type MrrPeriod } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { Usd } from '../components/admin-format';
import { DataTable } from '../../../components/data-table';
import { MrrChart } from '../components/mrr-chart';
import { funnelRange, RANGE_PRESETS, rangeFromParams, type StaffRange } from '../components/staff-analytics-range';
import { useAdminFunnel } from '../hooks/use-admin-funnel';
import { useAdminMrr } from '../hooks/use-admin-mrr';
import '../components/admin.css';
import './staff-analytics-page.css';

const mrr = createColumnHelper<MrrPeriod>();
const usd = (cents: number) => <Usd value={cents / 100} signed />;
const mrrColumns = [
  mrr.accessor('start', { header: 'Month', cell: (i) => i.getValue().slice(0, 7) }),
  mrr.accessor('startingMrrCents', { header: 'Starting MRR', cell: (i) => usd(i.getValue()) }),
  mrr.accessor('newCents', { header: 'New', cell: (i) => usd(i.getValue()) }),
  mrr.accessor('expansionCents', { header: 'Expansion', cell: (i) => usd(i.getValue()) }),
  mrr.accessor('contractionCents', { header: 'Contraction', cell: (i) => usd(i.getValue()) }),
  mrr.accessor('churnCents', { header: 'Churn', cell: (i) => usd(i.getValue()) }),
  mrr.accessor('reactivationCents', { header: 'Reactivation', cell: (i) => usd(i.getValue()) }),
  mrr.accessor('endingMrrCents', { header: 'Ending MRR', cell: (i) => usd(i.getValue()) }),
];

const STEP_LABELS: Record<FunnelStep, string> = {
  signed_up: 'Signed up',
  trial_started: 'Trial started',
  phone_verified: 'Phone verified',
  trial_call_placed: 'Trial call placed',
  trial_call_answered: 'Trial call answered',
  checkout_started: 'Checkout started',
  paid: 'Paid',
};
const GROUP_LABELS: Record<string, string> = { hvac: 'HVAC', gym: 'Gym', dental: 'Dental', none: 'No trial', total: 'Total' };
const PERCENT = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });

function StepCell({ figure }: { figure: FunnelStepFigure }) {
  return (
    <span className="nowrap">
      {figure.count}
      {figure.fromPrevious !== null ? <span className="muted staff-funnel__rate"> {PERCENT.format(figure.fromPrevious)}</span> : null}
    </span>
  );
}

const funnel = createColumnHelper<FunnelRow>();
const funnelColumns = (groupHeader: string) => [
  funnel.accessor('group', { header: groupHeader, cell: (i) => (i.getValue() === 'total' ? <strong>Total</strong> : (GROUP_LABELS[i.getValue()] ?? <span className="nowrap">{i.getValue()}</span>)) }),
  ...FUNNEL_STEPS.map((step, index) =>
    funnel.accessor((row) => row.steps[index].count, { id: step, header: STEP_LABELS[step], cell: (i) => <StepCell figure={i.row.original.steps[index]} /> }),
  ),
  funnel.accessor((row) => row.steps[row.steps.length - 1].overall, {
    id: 'overall',
    header: 'Signup → paid',
    cell: (i) => (i.getValue() === null ? <span className="muted">—</span> : PERCENT.format(i.getValue()!)),
  }),
];
const weekColumns = funnelColumns('Week of (Monday)');
const industryColumns = funnelColumns('Industry');

/** /admin/analytics: MRR and its movements by month (a chart and its figures), and the trial funnel by week of signup and by industry. */
export default function StaffAnalyticsPage() {
  usePageTitle('Analytics · Admin');
  const [params, setParams] = useSearchParams();
  const range = rangeFromParams(params, new Date());

  return (
    <>
      <header className="page-header">
        <h1>Analytics</h1>
        <p className="lead">Revenue (MRR, by UTC month, from Stripe's subscription events) and the trial funnel of the people who signed up in the range (UTC days).</p>
      </header>
      <div className="card">
        <RangePicker key={`${range.from}:${range.to}`} range={range} onPreset={(id) => setParams({ range: id }, { replace: true })} onDays={(from, to) => setParams({ from, to }, { replace: true })} />
      </div>
      <MrrSection range={range} />
      <FunnelSection range={range} />
    </>
  );
}

function MrrSection({ range }: { range: StaffRange }) {
  const report = useAdminMrr({ from: range.from, to: range.to });
  return (
    <section className="card" aria-labelledby="mrr-heading" aria-busy={report.isFetching}>
      <h2 id="mrr-heading">MRR</h2>
      {report.isPending ? (
        <p className="muted">Loading MRR…</p>
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <p data-testid="mrr-now">
            MRR at the end of the range: <strong>{usd(report.data.periods[report.data.periods.length - 1]?.endingMrrCents ?? 0)}</strong>
          </p>
          <MrrChart periods={report.data.periods} />
          <DataTable data={report.data.periods} columns={mrrColumns} caption="MRR and its movements by month" getRowId={(p) => p.start} testId="mrr-table" />
        </>
      )}
    </section>
  );
}

function FunnelSection({ range }: { range: StaffRange }) {
  const days = funnelRange(range);
  const byWeek = useAdminFunnel({ ...days, groupBy: 'week' });
  const byIndustry = useAdminFunnel({ ...days, groupBy: 'industry' });
  return (
    <section className="card" aria-labelledby="funnel-heading" aria-busy={byWeek.isFetching || byIndustry.isFetching}>
      <h2 id="funnel-heading">Trial funnel</h2>
      <p className="muted">
        People who signed up from {days.from} to {days.to}, counted at a step when they reached it and every step before it; the percentage is the conversion from the step before.
      </p>
      <h3>By week of signup</h3>
      <FunnelTable query={byWeek} columns={weekColumns} caption="Trial funnel by ISO week of signup" testId="funnel-weeks" />
      <h3>By industry</h3>
      <FunnelTable query={byIndustry} columns={industryColumns} caption="Trial funnel by industry of the first trial" testId="funnel-industries" />
    </section>
  );
}

function FunnelTable({ query, columns, caption, testId }: { query: ReturnType<typeof useAdminFunnel>; columns: ReturnType<typeof funnelColumns>; caption: string; testId: string }) {
  if (query.isPending) return <p className="muted">Loading the funnel…</p>;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <DataTable data={[...query.data.rows, query.data.total]} columns={columns} caption={caption} getRowId={(r) => r.group} testId={testId} />;
}

interface DaysValues {
  fromDate: string;
  toDate: string;
}

function RangePicker({ range, onPreset, onDays }: { range: StaffRange; onPreset: (id: string) => void; onDays: (from: string, to: string) => void }) {
  const id = useId();
  const { register, handleSubmit, formState } = useForm<DaysValues>({ defaultValues: { fromDate: range.from, toDate: range.to } });
  const errors = formState.errors;
  return (
    <div className="staff-analytics-range">
      <div role="group" aria-label="Range" className="staff-analytics-presets">
        {RANGE_PRESETS.map((p) => (
          <button key={p.id} type="button" className={`btn ${p.id === range.preset ? 'btn--primary' : 'btn--secondary'}`} aria-pressed={p.id === range.preset} onClick={() => onPreset(p.id)}>
            {p.label}
          </button>
        ))}
      </div>
      <form className="admin-filters" onSubmit={handleSubmit((v) => onDays(v.fromDate, v.toDate))} aria-label="Choose the days" noValidate>
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
              validate: (to, all) => (all.fromDate && to < all.fromDate ? 'The last day must be on or after the first.' : true),
            })}
          />
          {errors.toDate ? (
            <p id={`${id}-to-error`} className="field__error">
              {errors.toDate.message}
            </p>
          ) : null}
        </div>
        <div className="lead-filters__buttons">
          <button type="submit" className="btn btn--secondary">
            Show
          </button>
        </div>
      </form>
    </div>
  );
}
