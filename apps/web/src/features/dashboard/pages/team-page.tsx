import { useId, useState, type FormEvent } from 'react';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { useMe } from '../../auth/hooks/use-me';
import { useCurrentBusiness } from '../hooks/use-current-business';
import { useInviteMember } from '../hooks/use-invite-member';
import { useMembers } from '../hooks/use-members';
import { useRemoveMember } from '../hooks/use-remove-member';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who can see the business's calls: owners add people by email (they get a sign-in link) and remove them. */
export function TeamPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Team · ${business.name}`);
  const owner = business.yourRole === 'owner';
  const me = useMe();
  const members = useMembers(business.id);
  const invite = useInviteMember(business.id);
  const remove = useRemoveMember(business.id);
  const [email, setEmail] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [invited, setInvited] = useState<string | null>(null);
  const ids = { email: useId(), error: useId(), hint: useId() };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setInvited(null);
    if (!EMAIL.test(email.trim())) {
      setProblem('Enter an email address like name@company.com.');
      return;
    }
    setProblem(null);
    invite.mutate(email.trim(), {
      onSuccess: (member) => {
        setInvited(member.email);
        setEmail('');
      },
      onError: (error) => setProblem(isApiError(error, 'BUSINESSES.ALREADY_A_MEMBER') ? 'This person is already on your team.' : (isApiError(error) && error.detail) || "We couldn't send the invitation. Try again."),
    });
  }

  return (
    <>
      <header className="page-header">
        <h1>Team</h1>
        <p className="lead">People who can see {business.name}'s calls and leads.</p>
      </header>
      {owner ? (
        <form className="card form" onSubmit={submit} noValidate aria-label="Add a teammate">
          <h2>Add a teammate</h2>
          {invited ? (
            <div className="alert alert--success" role="status">
              We emailed {invited} a link to sign in and open this dashboard.
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={ids.email} className="field__label">
              Email address
            </label>
            <div className="input-group">
              <input
                id={ids.email}
                type="email"
                className="field__input"
                autoComplete="email"
                value={email}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${ids.error} ${ids.hint}` : ids.hint}
                onChange={(e) => setEmail(e.target.value)}
              />
              <button type="submit" className="btn btn--primary" disabled={invite.isPending}>
                {invite.isPending ? 'Sending…' : 'Send invitation'}
              </button>
            </div>
            {problem ? (
              <p id={ids.error} className="field__error" role="alert">
                {problem}
              </p>
            ) : null}
            <p id={ids.hint} className="field__hint">
              They join as a member: they see calls and leads, but not billing or settings.
            </p>
          </div>
        </form>
      ) : null}
      <article className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        {remove.isError ? (
          <div className="alert alert--error" role="alert">
            {isApiError(remove.error, 'BUSINESSES.LAST_OWNER') ? 'A business needs at least one owner.' : "We couldn't remove this person. Try again."}
          </div>
        ) : null}
        {members.isPending ? (
          <p className="muted">Loading the team…</p>
        ) : (
          <ul className="list" data-testid="member-list">
            {(members.data?.pages.flatMap((page) => page.items) ?? []).map((m) => (
              <li key={m.userId} className="member-row">
                <span className="member-row__who">
                  <span>{m.email}</span>
                  <span className={`badge ${m.role === 'owner' ? 'badge--success' : 'badge--neutral'}`}>{m.role === 'owner' ? 'Owner' : 'Member'}</span>
                  {me.data?.id === m.userId ? <span className="muted small">(you)</span> : null}
                </span>
                {owner && me.data?.id !== m.userId ? (
                  <button
                    type="button"
                    className="btn btn--ghost btn--sm"
                    disabled={remove.isPending}
                    aria-label={`Remove ${m.email}`}
                    onClick={() => {
                      if (window.confirm(`Remove ${m.email} from ${business.name}?`)) remove.mutate(m.userId);
                    }}
                  >
                    Remove
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {members.hasNextPage ? (
          <button type="button" className="btn btn--secondary btn--sm" disabled={members.isFetchingNextPage} onClick={() => void members.fetchNextPage()}>
            {members.isFetchingNextPage ? 'Loading…' : 'Load more members'}
          </button>
        ) : null}
      </article>
    </>
  );
}
