import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';

/** Whether a key press belongs to something the person is typing in (then `/` is just a slash). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The one box for everything, at the top of every admin page; `/` anywhere else on the page focuses it. */
export function AdminSearchBox() {
  const [params] = useSearchParams();
  const current = params.get('q') ?? '';
  const [text, setText] = useState(current);
  const navigate = useNavigate();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  // The URL is the truth: back/forward to another search shows its words.
  useEffect(() => setText(current), [current]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = text.trim();
    if (!q) return;
    navigate(`/admin?q=${encodeURIComponent(q)}`);
  }

  return (
    <form role="search" className="admin-search" onSubmit={submit} aria-label="Staff search">
      <label htmlFor={`${id}-q`} className="visually-hidden">
        Search users, businesses, phone numbers, trials, calls, leads and webhook events
      </label>
      <input
        ref={input}
        id={`${id}-q`}
        type="search"
        className="field__input"
        placeholder="Search email, business, phone, call or event id…"
        value={text}
        onChange={(e) => setText(e.target.value)}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        spellCheck={false}
      />
      <button type="submit" className="btn btn--primary">
        Search
      </button>
      <p id={`${id}-hint`} className="admin-search__hint">
        Press <kbd>/</kbd> to search from anywhere
      </p>
    </form>
  );
}
