import { NavLink, Outlet } from 'react-router-dom';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import './settings.css';

const SECTIONS = [
  { to: 'do-not-call', label: 'Do not call' },
  { to: 'consents', label: 'Consents' },
  { to: 'compliance', label: 'Calling rules' },
  { to: 'notifications', label: 'Notifications' },
  { to: 'api-keys', label: 'API keys' },
];

/** /app/businesses/:businessId/settings/…: the owner's pages for what the API offers, one section each. */
export function SettingsLayout() {
  const business = useCurrentBusiness();
  return (
    <div className="settings">
      <nav aria-label="Settings" className="settings-nav">
        {SECTIONS.map((s) => (
          <NavLink key={s.to} to={`/app/businesses/${business.id}/settings/${s.to}`}>
            {s.label}
          </NavLink>
        ))}
      </nav>
      <div className="settings__page">
        <Outlet context={business} />
      </div>
    </div>
  );
}
