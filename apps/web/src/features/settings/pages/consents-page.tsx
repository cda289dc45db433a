import type { ConsentMethod, ConsentRecord } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorState } from '../../../app/error-state';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { DataTable, LoadMore } from '../../../components/data-table';
import { formatPhone } from '../../calls/components/call-format';
import { formatDateTime } from '../../dashboard/components/dashboard-format';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { useConsents } from '../hooks/use-consents';
import { useExportConsents } from '../hooks/use-export-consents';

export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  web_form: 'Web form',
  api: 'Your API',
  verbal_trial: 'Trial call',
  in_call_opt_out: 'Asked during a call',
  sms_stop: 'Texted STOP',
  business: 'Your team',
  admin: 'Beaker staff',
};

const column = createColumnHelper<ConsentRecord>();

/** The consent ledger: what each person agreed to (or withdrew), newest first; one number, or all; exported as CSV. */
export function ConsentsPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Consents · ${business.name}`);
  const [phone, setPhone] = useState('');
  const consents = useConsents(business.id, phone);
  const exporter = useExportConsents(business.id);
  const items = consents.data?.pages.flatMap((p) => p.items) ?? [];
  const id = useId();
  const { register, handleSubmit } = useForm<{ phone: string }>({ defaultValues: { phone: '' } });
  const phoneError = isApiError(consents.error) && consents.error.status === 400 ? (consents.error.detail ?? 'Enter a number like +14155550123.') : undefined;

  const columns = useMemo(
    () => [
      column.accessor('capturedAt', { header: 'When', cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time> }),
      column.accessor('phone', { header: 'Number', cell: (info) => <span className="nowrap">{formatPhone(info.getValue())}</span> }),
      column.accessor('kind', {
        header: 'Kind',
        cell: (info) => (info.getValue() === 'grant' ? <span className="badge badge--success">Agreed</span> : <span className="badge badge--neutral">Withdrew</span>),
      }),
      column.accessor('method', { header: 'How', cell: (info) => CONSENT_METHOD_LABELS[info.getValue()] }),
      column.accessor('consentText', {
        header: 'What they saw',
        cell: (info) => (info.getValue() ? <span className="settings-text">“{info.getValue()}”</span> : <span className="muted">—</span>),
      }),
    ],
    [],
  );

  return (
    <>
      <header className="page-header">
        <h1>Consents</h1>
        <p className="lead">
          The proof behind every call your assistant places: the exact words each person agreed to, when and from where — and every time someone withdrew. Records are never changed or deleted.
        </p>
      </header>
      <section className="card" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="visually-hidden">
          Consent records
        </h2>
        <form className="settings-inline" role="search" aria-label="Consents of one number" noValidate onSubmit={handleSubmit((v) => setPhone(v.phone.trim()))}>
          <div className="field">
            <label htmlFor={`${id}-phone`} className="field__label">
              Phone number (leave empty for all)
            </label>
            <input
              id={`${id}-phone`}
              type="tel"
              className="field__input"
              placeholder="+14155550123"
              aria-invalid={phoneError ? true : undefined}
              aria-describedby={phoneError ? `${id}-phone-error` : undefined}
              {...register('phone')}
            />
          </div>
          <button type="submit" className="btn btn--secondary">
            Show
          </button>
          <button type="button" className="btn btn--primary" disabled={exporter.isPending || Boolean(phoneError)} onClick={() => exporter.mutate(phone)}>
            {exporter.isPending ? 'Exporting…' : 'Export CSV'}
          </button>
        </form>
        {phoneError ? (
          <p id={`${id}-phone-error`} className="field__error">
            {phoneError}
          </p>
        ) : null}
        {exporter.isError ? (
          <p role="alert" className="text-error">
            The export did not finish. Try again.
          </p>
        ) : null}
        {phoneError ? null : consents.isPending ? (
          <p className="muted">Loading…</p>
        ) : consents.isError ? (
          <ErrorState error={consents.error} onRetry={() => void consents.refetch()} />
        ) : items.length === 0 ? (
          <p className="muted">{phone ? `No records for ${formatPhone(phone)}.` : 'No consent records yet: they appear when people submit your forms or your API sends leads.'}</p>
        ) : (
          <>
            <DataTable data={items} columns={columns} caption="Consent records, newest first" getRowId={(r) => r.id} testId="consent-table" />
            <LoadMore hasMore={Boolean(consents.hasNextPage)} loading={consents.isFetchingNextPage} onLoad={() => void consents.fetchNextPage()} what="records" />
          </>
        )}
      </section>
    </>
  );
}
