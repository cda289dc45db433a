import { Link, useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';
import { AddressForm } from '../components/address-form';
import { EmailView } from '../components/email-view';
import { SandboxFeed } from '../components/sandbox-feed';
import { useSandboxEmails } from '../hooks/use-sandbox-emails';

/** Sandbox only: reads the emails Beaker would have sent, so sign-in links can be clicked locally. */
export function DevInboxPage() {
  usePageTitle('Development inbox');
  const [params, setParams] = useSearchParams();
  const to = params.get('to')?.trim() ?? '';
  const emails = useSandboxEmails(to, { poll: true });

  return (
    <section className="container page">
      <header className="page-header">
        <p className="eyebrow">
          <span className="badge badge--sandbox">Sandbox</span> Development tools
        </p>
        <h1>Development inbox</h1>
        <p className="lead">
          In sandbox mode Beaker sends no real email: every message lands here instead. Text messages are in the{' '}
          <Link to="/dev/messages">SMS inbox</Link>.
        </p>
      </header>
      <AddressForm
        key={to}
        label="Email address"
        hint="The address the email was sent to."
        type="email"
        placeholder="you@yourbusiness.com"
        submitLabel="Show emails"
        initialValue={to}
        onSubmit={(value) => setParams(value ? { to: value } : {})}
      />
      <SandboxFeed
        query={emails}
        noun={['email', 'emails']}
        address={to}
        itemKey={(email) => email.id}
        renderItem={(email) => <EmailView email={email} />}
      />
    </section>
  );
}
