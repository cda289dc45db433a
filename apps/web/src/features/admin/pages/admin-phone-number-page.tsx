import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatPhone } from '../../calls/components/call-format';
import { Facts, Id, isNotFound, When } from '../components/admin-format';
import { useAdminPhoneNumber } from '../hooks/use-admin-phone-number';

/** /admin/phone-numbers/:id: a number, its provider ids and the business it answers (or answered) for. */
export function AdminPhoneNumberPage() {
  const { id = '' } = useParams();
  const detail = useAdminPhoneNumber(id);
  usePageTitle('Phone number · Admin');

  if (detail.isPending) return <LoadingState label="Loading the number…" />;
  if (detail.isError) return isNotFound(detail.error) ? <NotFoundPage /> : <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const n = detail.data;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Phone number</p>
        <h1>{formatPhone(n.e164)}</h1>
      </header>
      <section className="card" aria-labelledby="number-heading">
        <h2 id="number-heading">Details</h2>
        <Facts
          items={[
            ['Number id', <Id value={n.id} />],
            ['E.164', <Id value={n.e164} />],
            ['Status', n.status],
            ['Business', <Link to={`/admin/businesses/${n.businessId}`}>{n.businessName}</Link>],
            ['Twilio sid', <Id value={n.twilioSid} />],
            ['Vapi phone number id', <Id value={n.vapiPhoneNumberId} />],
            ['Bought', <When at={n.createdAt} />],
            ['Last change', <When at={n.updatedAt} />],
          ]}
        />
      </section>
    </>
  );
}
