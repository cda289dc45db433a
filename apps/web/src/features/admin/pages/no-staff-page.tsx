import { Link, useParams } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';

/** Search finds phone numbers, trials and leads; their own staff pages are not built yet. Say so, and where to look instead. */
export function NoStaffPage({ what, hint }: { what: string; hint: string }) {
  usePageTitle(`${what} · Admin`);
  const { id = '' } = useParams();
  return (
    <section className="card">
      <p className="eyebrow">{what}</p>
      <h1>No staff page for {what.toLowerCase()}s yet</h1>
      <p className="muted">
        <code className="code-inline break-anywhere">{id}</code>
      </p>
      <p>{hint}</p>
      <p>
        <Link to={`/admin/audit?targetId=${encodeURIComponent(id)}`}>Its audit lines</Link>
      </p>
    </section>
  );
}
