import { CALL_DIRECTIONS, CALL_STATUSES, type CallDirection, type CallStatus } from '@beaker/contracts';
import { useId, useState, type FormEvent } from 'react';
import type { CallFilters } from '../hooks/use-business-calls';
import { DIRECTION_LABELS, STATUS_LABELS } from './dashboard-format';

/** The filters as the URL keeps them: dates as yyyy-mm-dd (whole days, the viewer's own). */
export interface FilterValues {
  direction: string;
  status: string;
  fromDate: string;
  toDate: string;
}

/** The API's filters: a day range [from, to] in the viewer's zone becomes [from 00:00, the day after to). */
export function toApiFilters(values: FilterValues): CallFilters {
  const day = (date: string, plusDays = 0) => {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(y, m - 1, d + plusDays).toISOString();
  };
  return {
    direction: (CALL_DIRECTIONS as readonly string[]).includes(values.direction) ? (values.direction as CallDirection) : undefined,
    status: (CALL_STATUSES as readonly string[]).includes(values.status) ? (values.status as CallStatus) : undefined,
    from: /^\d{4}-\d{2}-\d{2}$/.test(values.fromDate) ? day(values.fromDate) : undefined,
    to: /^\d{4}-\d{2}-\d{2}$/.test(values.toDate) ? day(values.toDate, 1) : undefined,
  };
}

export function CallFiltersForm({ values, onApply }: { values: FilterValues; onApply: (next: FilterValues) => void }) {
  const [draft, setDraft] = useState(values);
  const [problem, setProblem] = useState<string | null>(null);
  const ids = { direction: useId(), status: useId(), from: useId(), to: useId(), problem: useId() };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft.fromDate && draft.toDate && draft.fromDate > draft.toDate) {
      setProblem('The start date must be on or before the end date.');
      return;
    }
    setProblem(null);
    onApply(draft);
  }

  return (
    <form className="call-filters" onSubmit={submit} aria-label="Filter calls" noValidate>
      <div className="field">
        <label htmlFor={ids.direction} className="field__label">
          Type
        </label>
        <select id={ids.direction} className="field__input" value={draft.direction} onChange={(e) => setDraft({ ...draft, direction: e.target.value })}>
          <option value="">All calls</option>
          {CALL_DIRECTIONS.map((d) => (
            <option key={d} value={d}>
              {DIRECTION_LABELS[d]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.status} className="field__label">
          Outcome
        </label>
        <select id={ids.status} className="field__input" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
          <option value="">Any</option>
          {CALL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.from} className="field__label">
          From
        </label>
        <input
          id={ids.from}
          type="date"
          className="field__input"
          value={draft.fromDate}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? ids.problem : undefined}
          onChange={(e) => setDraft({ ...draft, fromDate: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.to} className="field__label">
          To
        </label>
        <input id={ids.to} type="date" className="field__input" value={draft.toDate} onChange={(e) => setDraft({ ...draft, toDate: e.target.value })} />
      </div>
      <button type="submit" className="btn btn--secondary">
        Apply filters
      </button>
      {problem ? (
        <p id={ids.problem} className="field__error" role="alert" style={{ gridColumn: '1 / -1' }}>
          {problem}
        </p>
      ) : null}
    </form>
  );
}
