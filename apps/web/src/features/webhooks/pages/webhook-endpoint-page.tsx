import type { BusinessOverview, WebhookDeliveryAttempt, WebhookEndpoint, WebhookSecretRotated } from '@beaker/contracts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatDateTime } from '../../dashboard/components/dashboard-format';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { ConfirmAction } from '../components/confirm-action';
import { DeliveryLogTable } from '../components/delivery-log-table';
import { EndpointForm } from '../components/endpoint-form';
import { EndpointStateBadge } from '../components/endpoint-state-badge';
import { SigningSecret } from '../components/signing-secret';
import { VerifySignaturesHelp } from '../components/verify-signatures-help';
import { endpointState, eventTypeLabel, webhookProblem } from '../components/webhook-format';
import { useDeleteWebhookEndpoint } from '../hooks/use-delete-webhook-endpoint';
import { useEndpointUrlHint } from '../hooks/use-endpoint-url-hint';
import { useRetryWebhookDelivery } from '../hooks/use-retry-webhook-delivery';
import { useRotateWebhookSecret } from '../hooks/use-rotate-webhook-secret';
import { useSendTestWebhook } from '../hooks/use-send-test-webhook';
import { useUpdateWebhookEndpoint } from '../hooks/use-update-webhook-endpoint';
import { useWebhookDeliveries } from '../hooks/use-webhook-deliveries';
import { useWebhookEndpoint } from '../hooks/use-webhook-endpoint';
import { webhooksPath } from './webhooks-page';
import '../../leads/components/leads.css';
import '../components/webhooks.css';

/**
 * /app/businesses/:id/webhooks/:endpointId (the link of the "endpoint disabled" email): its state
 * and a test event, the delivery log with replays, its settings, the signing secret, delete.
 */
export function WebhookEndpointPage() {
  const business = useCurrentBusiness();
  const { endpointId = '' } = useParams();
  const endpoint = useWebhookEndpoint(business.id, endpointId);
  usePageTitle(`Webhook endpoint · ${business.name}`);

  if (endpoint.isPending) return <LoadingState label="Loading the endpoint…" />;
  if (endpoint.isError) return isApiError(endpoint.error, 'NOT_FOUND') ? <NotFoundPage /> : <ErrorState error={endpoint.error} onRetry={() => void endpoint.refetch()} />;
  return <EndpointDetail key={endpoint.data.id} business={business} endpoint={endpoint.data} />;
}

function EndpointDetail({ business, endpoint }: { business: BusinessOverview; endpoint: WebhookEndpoint }) {
  const state = endpointState(endpoint);
  return (
    <>
      <p>
        <Link to={webhooksPath(business.id)}>← All webhooks</Link>
      </p>
      <header className="page-header">
        <p className="eyebrow">Webhook endpoint</p>
        <h1 className="mono endpoint-title">{endpoint.url}</h1>
        {endpoint.description ? <p className="lead">{endpoint.description}</p> : null}
      </header>
      <section className="card" aria-labelledby="endpoint-status-heading">
        <h2 id="endpoint-status-heading">
          Status <EndpointStateBadge endpoint={endpoint} />
        </h2>
        {state.reason ? <p className={endpoint.enabled ? 'alert alert--warning' : 'muted'}>{state.reason}</p> : <p className="muted">Events of the types you picked are sent here as they happen.</p>}
        <p className="small">
          Sends: {endpoint.eventTypes.map((t) => eventTypeLabel(t)).join(' · ')}
        </p>
        <StatusActions businessId={business.id} endpoint={endpoint} />
      </section>
      <DeliveryLog businessId={business.id} endpoint={endpoint} />
      <section className="card" aria-label="Settings">
        <SettingsForm businessId={business.id} endpoint={endpoint} />
      </section>
      <SecretRotation businessId={business.id} endpointId={endpoint.id} />
      <DeleteEndpoint businessId={business.id} endpoint={endpoint} />
      <VerifySignaturesHelp />
    </>
  );
}

/** Send a test event; turn the endpoint off (asked first: waiting deliveries are canceled) or on. */
function StatusActions({ businessId, endpoint }: { businessId: string; endpoint: WebhookEndpoint }) {
  const test = useSendTestWebhook(businessId, endpoint.id);
  const update = useUpdateWebhookEndpoint(businessId, endpoint.id);
  const [message, setMessage] = useState<string | null>(null);
  const testButton = useRef<HTMLButtonElement>(null);
  const turnOnButton = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);

  useEffect(() => {
    // The button pressed is gone once the state flips: focus goes to what comes next.
    if (!toggled.current) return;
    toggled.current = false;
    (endpoint.enabled ? testButton : turnOnButton).current?.focus();
  }, [endpoint.enabled]);

  function sendTest() {
    setMessage(null);
    test.mutate(undefined, { onSuccess: () => setMessage('Test event sent. Its delivery shows up in the log below within a few seconds.') });
  }

  function turn(enabled: boolean) {
    setMessage(null);
    update.mutate(
      { enabled },
      {
        onSuccess: () => {
          toggled.current = true;
          setMessage(enabled ? 'Turned on: new events are sent to it again.' : 'Turned off: nothing is sent to it until you turn it back on.');
        },
      },
    );
  }

  const problem = test.isError ? webhookProblem(test.error, 'The test event could not be sent. Try again.') : update.isError ? webhookProblem(update.error, 'The endpoint could not be changed. Try again.') : null;

  return (
    <>
      <div className="button-row">
        <button ref={testButton} type="button" className="btn btn--primary" onClick={sendTest} disabled={test.isPending || !endpoint.enabled} aria-describedby={endpoint.enabled ? undefined : 'test-off-hint'}>
          {test.isPending ? 'Sending…' : 'Send a test event'}
        </button>
        {endpoint.enabled ? (
          <ConfirmAction
            openLabel="Turn off"
            openClassName="btn btn--secondary"
            title="Turn this endpoint off?"
            confirmLabel="Turn off"
            pendingLabel="Turning off…"
            cancelLabel="Keep it on"
            pending={update.isPending}
            problem={null}
            onConfirm={() => turn(false)}
          >
            <p>Deliveries still waiting for it are canceled, and nothing more is sent until you turn it back on.</p>
          </ConfirmAction>
        ) : (
          <button ref={turnOnButton} type="button" className="btn btn--secondary" onClick={() => turn(true)} disabled={update.isPending}>
            {update.isPending ? 'Turning on…' : 'Turn on'}
          </button>
        )}
      </div>
      {endpoint.enabled ? null : (
        <p id="test-off-hint" className="muted small">
          Turn the endpoint on to send it a test event.
        </p>
      )}
      {problem ? (
        <div className="alert alert--error" role="alert">
          {problem}
        </div>
      ) : null}
      <p role="status" className="small webhook-status">
        {message ?? ''}
      </p>
    </>
  );
}

function DeliveryLog({ businessId, endpoint }: { businessId: string; endpoint: WebhookEndpoint }) {
  const deliveries = useWebhookDeliveries(businessId, endpoint.id);
  const retry = useRetryWebhookDelivery(businessId, endpoint.id);
  const [retrying, setRetrying] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const items = useMemo(() => deliveries.data?.pages.flatMap((p) => p.items) ?? [], [deliveries.data]);
  const { mutate } = retry;

  const onRetry = useCallback(
    (attempt: WebhookDeliveryAttempt) => {
      setMessage(null);
      setProblem(null);
      setRetrying(attempt.deliveryId);
      mutate(attempt.deliveryId, {
        onSuccess: () => setMessage(`Sending ${attempt.eventType} again now. The new attempt shows up at the top of the log.`),
        onError: (error) => setProblem(webhookProblem(error, 'The delivery could not be sent again. Try again.')),
        onSettled: () => setRetrying(null),
      });
    },
    [mutate],
  );

  return (
    <section className="card" aria-labelledby="delivery-log-heading" aria-busy={deliveries.isFetching}>
      <h2 id="delivery-log-heading">Delivery log</h2>
      <p className="muted small">Every attempt, newest first. A failed delivery is tried again after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; Retry sends it again now.</p>
      {problem ? (
        <div className="alert alert--error" role="alert">
          {problem}
        </div>
      ) : null}
      <p role="status" className="small webhook-status">
        {message ?? ''}
      </p>
      {deliveries.isPending ? (
        <p className="muted">Loading the delivery log…</p>
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">Nothing sent yet. Send a test event to see a delivery here.</p>
      ) : (
        <>
          <div>
            <DeliveryLogTable attempts={items} canRetry={endpoint.enabled} retryingDeliveryId={retrying} onRetry={onRetry} />
          </div>
          {deliveries.hasNextPage ? (
            <div className="button-row button-row--center">
              <button type="button" className="btn btn--secondary" onClick={() => void deliveries.fetchNextPage()} disabled={deliveries.isFetchingNextPage}>
                {deliveries.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

function SettingsForm({ businessId, endpoint }: { businessId: string; endpoint: WebhookEndpoint }) {
  const update = useUpdateWebhookEndpoint(businessId, endpoint.id);
  const urlHint = useEndpointUrlHint();
  const initial = useMemo(() => ({ url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes }), [endpoint]);
  return (
    <EndpointForm
      initial={initial}
      submitLabel="Save changes"
      pendingLabel="Saving…"
      urlHint={urlHint}
      onSave={async (input) => {
        await update.mutateAsync(input);
      }}
    />
  );
}

/** Rotation: a new secret shown once; for 24 hours both sign, so the receiver can switch over without missing an event. */
function SecretRotation({ businessId, endpointId }: { businessId: string; endpointId: string }) {
  const rotate = useRotateWebhookSecret(businessId, endpointId);
  const [rotated, setRotated] = useState<WebhookSecretRotated | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  if (rotated) {
    return (
      <SigningSecret
        secret={rotated.secret}
        title="Your new signing secret"
        doneLabel="I’ve stored it"
        onDone={() => {
          setRotated(null);
          rotate.reset();
          // The secret is gone from the page: focus goes back to the section it came from.
          window.setTimeout(() => heading.current?.focus(), 0);
        }}
      >
        <p>
          The previous secret keeps signing until <strong>{formatDateTime(rotated.previousSecretExpiresAt)}</strong>: until then every event carries two signatures, one per secret. Put the new
          secret in your receiver before that time.
        </p>
      </SigningSecret>
    );
  }
  return (
    <section className="card" aria-labelledby="secret-heading">
      <h2 id="secret-heading" ref={heading} tabIndex={-1}>
        Signing secret
      </h2>
      <p className="muted">
        Beaker signs every event with this endpoint’s secret (<code className="code-inline">whsec_…</code>). It was shown once, when the endpoint was created. Lost it, or think it leaked? Rotate it.
      </p>
      <ConfirmAction
        openLabel="Rotate secret"
        openClassName="btn btn--secondary"
        title="Rotate the signing secret?"
        confirmLabel="Rotate secret"
        pendingLabel="Rotating…"
        cancelLabel="Cancel"
        pending={rotate.isPending}
        problem={rotate.isError ? webhookProblem(rotate.error, 'The secret could not be rotated. Try again.') : null}
        onConfirm={() => rotate.mutate(undefined, { onSuccess: setRotated })}
      >
        <p>You get a new secret, shown once. For 24 hours the old and the new secret both sign every event, so your receiver keeps working while you switch it to the new one.</p>
      </ConfirmAction>
    </section>
  );
}

function DeleteEndpoint({ businessId, endpoint }: { businessId: string; endpoint: WebhookEndpoint }) {
  const remove = useDeleteWebhookEndpoint(businessId);
  const navigate = useNavigate();
  return (
    <section className="card" aria-labelledby="delete-heading">
      <h2 id="delete-heading">Delete</h2>
      <ConfirmAction
        openLabel="Delete this endpoint"
        openClassName="btn btn--ghost btn--sm btn--danger-text"
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        pendingLabel="Deleting…"
        cancelLabel="Keep it"
        danger
        pending={remove.isPending}
        problem={remove.isError ? webhookProblem(remove.error, 'The endpoint could not be deleted. Try again.') : null}
        onConfirm={() => remove.mutate(endpoint.id, { onSuccess: () => navigate(webhooksPath(businessId), { replace: true, state: { deleted: endpoint.url } }) })}
      >
        <p>
          Nothing more is sent to <span className="mono">{endpoint.url}</span>, and deliveries still waiting are dropped. This can’t be undone.
        </p>
      </ConfirmAction>
    </section>
  );
}
