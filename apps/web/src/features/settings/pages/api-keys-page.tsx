import type { ApiKeyCreated, ApiKeySummary } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorState } from '../../../app/error-state';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DataTable, LoadMore } from '../../../components/data-table';
import { formatDateTime } from '../../dashboard/components/dashboard-format';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { ShownOnceKey } from '../components/shown-once-key';
import { useApiKeys } from '../hooks/use-api-keys';
import { useCreateApiKey } from '../hooks/use-create-api-key';
import { useRevokeApiKey } from '../hooks/use-revoke-api-key';

const column = createColumnHelper<ApiKeySummary>();

/** API keys (owners): create one (shown once), see them all, revoke one. */
export function ApiKeysPage() {
  const business = useCurrentBusiness();
  usePageTitle(`API keys · ${business.name}`);
  const owner = business.yourRole === 'owner';
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);
  const revoke = useRevokeApiKey(business.id);

  const columns = useMemo(
    () => [
      column.accessor('name', { header: 'Name' }),
      column.accessor('prefix', { header: 'Key', cell: (info) => <code className="settings-key">{info.getValue()}…</code> }),
      column.accessor('createdAt', { header: 'Created', cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time> }),
      column.accessor('lastUsedAt', {
        header: 'Last used',
        cell: (info) => {
          const at = info.getValue();
          return at ? <time dateTime={at}>{formatDateTime(at)}</time> : <span className="muted">Never</span>;
        },
      }),
      column.display({
        id: 'state',
        header: 'Status',
        cell: ({ row }) =>
          row.original.revokedAt ? (
            <span className="badge badge--neutral">Revoked {formatDateTime(row.original.revokedAt)}</span>
          ) : (
            <button
              type="button"
              className="btn btn--ghost btn--sm"
              aria-label={`Revoke ${row.original.name}`}
              onClick={() => {
                revoke.reset();
                setRevoking(row.original);
              }}
            >
              Revoke
            </button>
          ),
      }),
    ],
    [revoke],
  );

  if (!owner) {
    return (
      <article className="card">
        <h1>API keys</h1>
        <p>Only the business’s owners manage API keys. Ask an owner if your integration needs one.</p>
      </article>
    );
  }

  return (
    <>
      <header className="page-header">
        <h1>API keys</h1>
        <p className="lead">
          A key lets your own software read {business.name}’s calls and leads, send leads and manage the do-not-call list — everything a member can do, nothing an owner alone can.
        </p>
      </header>
      {created ? <ShownOnceKey created={created} onDone={() => setCreated(null)} /> : <CreateKeyForm businessId={business.id} onCreated={setCreated} />}
      <ApiKeyList businessId={business.id} columns={columns} />
      {revoking ? (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          description="Requests with this key are refused from the next one on. This cannot be undone: create a new key if you need one."
          confirmLabel="Revoke the key"
          busyLabel="Revoking…"
          danger
          busy={revoke.isPending}
          error={revoke.error}
          onCancel={() => setRevoking(null)}
          onConfirm={() => revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
        />
      ) : null}
    </>
  );
}

function ApiKeyList({ businessId, columns }: { businessId: string; columns: Parameters<typeof DataTable<ApiKeySummary>>[0]['columns'] }) {
  const keys = useApiKeys(businessId);
  const items = keys.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="card" aria-labelledby="api-keys-heading">
      <h2 id="api-keys-heading">Your keys</h2>
      {keys.isPending ? (
        <p className="muted">Loading…</p>
      ) : keys.isError ? (
        <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">No keys yet.</p>
      ) : (
        <>
          <DataTable data={items} columns={columns} caption="API keys" getRowId={(k) => k.id} testId="api-key-table" />
          <LoadMore hasMore={Boolean(keys.hasNextPage)} loading={keys.isFetchingNextPage} onLoad={() => void keys.fetchNextPage()} what="keys" />
        </>
      )}
    </section>
  );
}

function CreateKeyForm({ businessId, onCreated }: { businessId: string; onCreated: (key: ApiKeyCreated) => void }) {
  const id = useId();
  const create = useCreateApiKey(businessId);
  // One attempt per submission: a retried request answers the same key (Idempotency-Key).
  const [attempt, setAttempt] = useState(() => crypto.randomUUID());
  const { register, handleSubmit, formState, reset } = useForm<{ name: string }>({ defaultValues: { name: '' } });
  const nameError = formState.errors.name?.message ?? (isApiError(create.error) ? create.error.fieldMessages('name')[0] : undefined);

  return (
    <form
      className="card settings-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={handleSubmit((values) =>
        create.mutate(
          { name: values.name.trim(), attempt },
          {
            onSuccess: (key) => {
              reset({ name: '' });
              setAttempt(crypto.randomUUID());
              onCreated(key);
            },
          },
        ),
      )}
    >
      <h2 id={`${id}-title`}>Create a key</h2>
      <div className="settings-inline">
        <div className="field">
          <label htmlFor={`${id}-name`} className="field__label">
            Name
          </label>
          <input
            id={`${id}-name`}
            className="field__input"
            maxLength={100}
            placeholder="Zapier"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : `${id}-name-hint`}
            {...register('name', { validate: (v) => v.trim().length > 0 || 'Name the key after what will use it.' })}
          />
        </div>
        <button type="submit" className="btn btn--primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create key'}
        </button>
      </div>
      {nameError ? (
        <p id={`${id}-name-error`} className="field__error">
          {nameError}
        </p>
      ) : (
        <p id={`${id}-name-hint`} className="field__hint">
          What will use it, so you know which one to revoke later.
        </p>
      )}
      {create.isError && !nameError ? (
        <p role="alert" className="text-error">
          {isApiError(create.error) ? (create.error.detail ?? create.error.title) : 'The key could not be created. Try again.'}
        </p>
      ) : null}
    </form>
  );
}
