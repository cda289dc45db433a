import { useId, useState, type FormEvent } from 'react';

interface AddressFormProps {
  label: string;
  hint: string;
  type: 'email' | 'tel';
  placeholder: string;
  submitLabel: string;
  initialValue: string;
  onSubmit: (value: string) => void;
}

/** Picks whose inbox to read; the page keeps the choice in `?to=` so it survives a reload. */
export function AddressForm({ label, hint, type, placeholder, submitLabel, initialValue, onSubmit }: AddressFormProps) {
  const [value, setValue] = useState(initialValue);
  const ids = { input: useId(), hint: useId() };
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit(value.trim());
  }
  return (
    <form className="form form--inline" onSubmit={handleSubmit} role="search">
      <div className="field">
        <label htmlFor={ids.input} className="field__label">
          {label}
        </label>
        <div className="input-group">
          <input
            id={ids.input}
            className="field__input"
            type={type}
            inputMode={type === 'tel' ? 'tel' : 'email'}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            placeholder={placeholder}
            value={value}
            required
            aria-describedby={ids.hint}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit" className="btn btn--primary">
            {submitLabel}
          </button>
        </div>
        <p id={ids.hint} className="field__hint">
          {hint}
        </p>
      </div>
    </form>
  );
}
