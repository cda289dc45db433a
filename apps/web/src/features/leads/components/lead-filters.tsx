import { LEAD_STATUSES, type LeadStatus } from '@beaker/contracts';
import { useId, useState, type FormEvent } from 'react';
import type { LeadFilters } from '../hooks/use-business-leads';
import { LEAD_STATUS_LABELS } from './lead-format';

/** The filters as the URL keeps them (`?status=deferred&from=2026-02-01&to=2026-02-07`): dates are whole days, the viewer's own. */
export interface LeadFilterValues {
  status: string;
  fromDate: string;
  toDate: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filterValuesFromParams(params: URLSearchParams): LeadFilterValues {
  return { status: params.get('status') ?? '', fromDate: params.get('from') ?? '', toDate: params.get('to') ?? '' };
}

/** The URL's query for these filters; empty ones are left out. */
export function paramsFromFilterValues(values: LeadFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (values.status) params.set('status', values.status);
  if (values.fromDate) params.set('from', values.fromDate);
  if (values.toDate) params.set('to', values.toDate);
  return params;
}

/** The API's filters: a day range [from, to] in the viewer's zone becomes [from 00:00, the day after to); unknown values are dropped. */
export function toLeadApiFilters(values: LeadFilterValues): LeadFilters {
  const day = (date: string, plusDays = 0) => {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(y, m - 1, d + plusDays).toISOString();
  };
  return {
    status: (LEAD_STATUSES as readonly string[]).includes(values.status) ? (values.status as LeadStatus) : undefined,
    from: DAY.test(values.fromDate) ? day(values.fromDate) : undefined,
    to: DAY.test(values.toDate) ? day(values.toDate, 1) : undefined,
  };
}

export function LeadFiltersForm({ values, onApply }: { values: LeadFilterValues; onApply: (next: LeadFilterValues) => void }) {
  const [draft, setDraft] = useState(values);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft.fromDate && draft.toDate && draft.fromDate > draft.toDate) {
      setProblem('The start date must be on or before the end date.');
      return;
    }
    setProblem(null);
    onApply(draft);
  }

  const filtered = Boolean(values.status || values.fromDate || values.toDate);
  return (
    <form className="call-filters lead-filters" onSubmit={submit} aria-label="Filter leads" noValidate>
      <div className="field">
        <label htmlFor={`${id}-status`} className="field__label">
          Status
        </label>
        <select id={`${id}-status`} className="field__input" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
          <option value="">Any status</option>
          {LEAD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {LEAD_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`} className="field__label">
          From
        </label>
        <input
          id={`${id}-from`}
          type="date"
          className="field__input"
          value={draft.fromDate}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(e) => setDraft({ ...draft, fromDate: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`} className="field__label">
          To
        </label>
        <input id={`${id}-to`} type="date" className="field__input" value={draft.toDate} onChange={(e) => setDraft({ ...draft, toDate: e.target.value })} />
      </div>
      <div className="lead-filters__buttons">
        <button type="submit" className="btn btn--secondary">
          Apply filters
        </button>
        {filtered ? (
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => {
              const none = { status: '', fromDate: '', toDate: '' };
              setDraft(none);
              setProblem(null);
              onApply(none);
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      {problem ? (
        <p id={`${id}-problem`} className="field__error lead-filters__problem" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
