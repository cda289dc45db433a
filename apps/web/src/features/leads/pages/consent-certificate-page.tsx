import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { ConsentCertificateView } from '../components/consent-certificate-view';
import { useConsentCertificate } from '../hooks/use-consent-certificate';
import '../../calls/components/calls.css';
import '../components/leads.css';

/** /app/businesses/:id/leads/:leadId/consent: the certificate, with a Print button (the print stylesheet keeps only the certificate). */
export function ConsentCertificatePage() {
  const business = useCurrentBusiness();
  const { leadId = '' } = useParams();
  const certificate = useConsentCertificate(leadId);
  usePageTitle(`Consent certificate · ${business.name}`);

  if (certificate.isPending) return <LoadingState label="Loading the certificate…" />;
  if (certificate.isError) {
    return isApiError(certificate.error, 'NOT_FOUND') ? <NotFoundPage /> : <ErrorState error={certificate.error} onRetry={() => void certificate.refetch()} />;
  }
  if (certificate.data.businessId !== business.id) return <NotFoundPage />;

  return (
    <>
      <div className="certificate-actions no-print">
        <Link to={`/app/businesses/${business.id}/leads/${leadId}`}>← Back to the lead</Link>
        <button type="button" className="btn btn--primary btn--sm" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <ConsentCertificateView certificate={certificate.data} />
    </>
  );
}
