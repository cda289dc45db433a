import { Link, useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';
import { AddressForm } from '../components/address-form';
import { MessageView } from '../components/message-view';
import { SandboxFeed } from '../components/sandbox-feed';
import { useSandboxMessages } from '../hooks/use-sandbox-messages';

/** Sandbox only: reads the text messages (verification codes) Beaker would have sent. */
export function DevMessagesPage() {
  usePageTitle('SMS inbox');
  const [params, setParams] = useSearchParams();
  const to = params.get('to')?.trim() ?? '';
  const messages = useSandboxMessages(to, { poll: true });

  return (
    <section className="container page">
      <header className="page-header">
        <p className="eyebrow">
          <span className="badge badge--sandbox">Sandbox</span> Development tools
        </p>
        <h1>SMS inbox</h1>
        <p className="lead">
          In sandbox mode Beaker sends no real text messages: verification codes land here instead. Emails are in the{' '}
          <Link to="/dev/inbox">development inbox</Link>.
        </p>
      </header>
      <AddressForm
        key={to}
        label="Phone number"
        hint="In international format, for example +15551234567."
        type="tel"
        placeholder="+15551234567"
        submitLabel="Show messages"
        initialValue={to}
        onSubmit={(value) => setParams(value ? { to: value } : {})}
      />
      <SandboxFeed
        query={messages}
        noun={['text message', 'text messages']}
        address={to}
        itemKey={(message) => message.id}
        renderItem={(message) => <MessageView message={message} />}
      />
    </section>
  );
}
