import { forwardRef, useId, useState, type ReactNode } from 'react';
import { isApiError } from '../lib/api-error';

export interface SettingSwitchProps {
  label: string;
  hint: ReactNode;
  /** The stored value; undefined until it has loaded. */
  value: boolean | undefined;
  loaded: boolean;
  loadFailed: boolean;
  /** Saves the choice; `settled` runs when the request ends, either way. */
  save: (on: boolean, settled: () => void) => void;
  saved: boolean;
  saveError: unknown;
  savedOn: string;
  savedOff: string;
}

/** A person's own on/off setting, saved as it is switched, with what happened said in a status line. */
export const SettingSwitch = forwardRef<HTMLInputElement, SettingSwitchProps>(function SettingSwitch(
  { label, hint, value, loaded, loadFailed, save, saved, saveError, savedOn, savedOff },
  ref,
) {
  const id = useId();
  // What the person just chose, shown at once (a controlled checkbox must not jump back while saving).
  const [chosen, setChosen] = useState<boolean | null>(null);
  const on = chosen ?? value ?? false;

  return (
    <div className="notify-toggle">
      <div className="notify-toggle__row">
        <input
          ref={ref}
          id={`${id}-switch`}
          type="checkbox"
          role="switch"
          className="switch"
          checked={on}
          disabled={!loaded}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setChosen(e.target.checked);
            save(e.target.checked, () => setChosen(null));
          }}
        />
        <label htmlFor={`${id}-switch`} className="notify-toggle__label">
          {label}
        </label>
      </div>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <p role="status" className="small">
        {loadFailed
          ? "We couldn't load this setting."
          : saveError
            ? isApiError(saveError)
              ? `Not saved: ${saveError.detail ?? saveError.title}`
              : 'Not saved. Check your connection and try again.'
            : saved
              ? on
                ? savedOn
                : savedOff
              : ''}
      </p>
    </div>
  );
});
