import type { AdminSearchHit } from '@beaker/contracts';
import { Link, useLocation, useParams } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';

/**
 * Search finds phone numbers, trials and leads; their own staff pages are not built yet. Say so, show
 * what the search result said (when the person came from one), and where to look instead.
 */
export function NoStaffPage({ what, hint }: { what: string; hint: string }) {
  usePageTitle(`${what} · Admin`);
  const { id = '' } = useParams();
  const hit = (useLocation().state as { hit?: AdminSearchHit } | null)?.hit;
  const fromSearch = hit && hit.id === id ? hit : null;
  return (
    <section className="card">
      <p className="eyebrow">{what}</p>
      <h1 className="break-anywhere">{fromSearch ? fromSearch.title : `No staff page for ${what.toLowerCase()}s yet`}</h1>
      {fromSearch ? <p className="muted">{fromSearch.subtitle}</p> : null}
      <p className="muted">
        <code className="code-inline break-anywhere">{id}</code>
      </p>
      <p>
        {fromSearch ? `There is no staff page for ${what.toLowerCase()}s yet. ` : null}
        {hint}
      </p>
      <ul className="admin-links">
        {fromSearch?.businessUrl ? (
          <li>
            <Link to={fromSearch.businessUrl}>Open its business</Link>
          </li>
        ) : null}
        <li>
          <Link to={`/admin/audit?targetId=${encodeURIComponent(id)}`}>Its audit lines</Link>
        </li>
      </ul>
    </section>
  );
}
