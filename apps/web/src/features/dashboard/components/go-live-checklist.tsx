import { Link } from 'react-router-dom';
import { formatPhone } from '../../calls/components/call-format';
import { TestCall } from './test-call';

/** The digits a carrier's forwarding code wants: +13035550123 → 3035550123. */
export function forwardingDigits(e164: string): string {
  return e164.replace(/^\+1/, '').replace(/\D/g, '');
}

/** Unconditional call forwarding, per carrier (the codes each carrier documents for its mobile lines). */
export function carrierInstructions(e164: string): { carrier: string; turnOn: string; turnOff: string; note?: string }[] {
  const n = forwardingDigits(e164);
  return [
    { carrier: 'AT&T', turnOn: `*21*${n}#`, turnOff: '#21#' },
    { carrier: 'Verizon', turnOn: `*72${n}`, turnOff: '*73' },
    { carrier: 'T-Mobile', turnOn: `**21*1${n}#`, turnOff: '##21#' },
    {
      carrier: 'Another carrier or a landline',
      turnOn: `*72${n}`,
      turnOff: '*73',
      note: 'Most US landlines and VoIP lines use these codes; if yours does not, search your carrier’s help for “call forwarding” or ask them to forward your line to this number.',
    },
  ];
}

/** After setup: the owner's first steps — hear the agent, forward the line, add a form, invite the team. */
export function GoLiveChecklist({ businessId, e164, owner = false }: { businessId: string; e164: string; owner?: boolean }) {
  const number = formatPhone(e164);
  return (
    <article className="card" aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">Get started</h2>
      <ol className="checklist">
        <li>
          <h3>Hear your agent</h3>
          {owner ? <p>Your assistant calls the phone you verified, from your business number, and talks to you as it would to a customer.</p> : null}
          {owner ? <TestCall businessId={businessId} /> : null}
          <p>
            {owner ? 'Or call ' : 'Call '}
            <a href={`tel:${e164}`}>{number}</a> from any phone: your assistant answers as your business.
          </p>
        </li>
        <li>
          <h3>Forward your line</h3>
          <p>Dial the code from your business phone, then press Call. Callers to your usual number reach your assistant.</p>
          {carrierInstructions(e164).map(({ carrier, turnOn, turnOff, note }) => (
            <details key={carrier}>
              <summary>{carrier}</summary>
              <p>
                Turn on: <code>{turnOn}</code>
              </p>
              <p>
                Turn off: <code>{turnOff}</code>
              </p>
              {note ? <p className="muted">{note}</p> : null}
            </details>
          ))}
        </li>
        <li>
          <h3>Add a form</h3>
          <p>
            New leads from your website get a call within seconds. <Link to={`/app/businesses/${businessId}/forms`}>Add a form</Link>
          </p>
        </li>
        <li>
          <h3>Invite your team</h3>
          <p>
            Let your staff see calls and leads. <Link to={`/app/businesses/${businessId}/team`}>Invite your team</Link>
          </p>
        </li>
      </ol>
    </article>
  );
}
