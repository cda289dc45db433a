import type { ReactNode } from 'react';

export interface Choice<T extends string> {
  value: T;
  label: string;
  description: string;
  icon?: ReactNode;
}

/**
 * A group of radio buttons drawn as cards: one tab stop, arrow keys move the choice (native radio
 * behaviour), the whole card is the click target, the focus ring shows on the card.
 */
export function ChoiceCards<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  error,
}: {
  legend: string;
  name: string;
  choices: Choice<T>[];
  value: T | null;
  onChange: (value: T) => void;
  error?: string | null;
}) {
  const errorId = `${name}-error`;
  return (
    <fieldset className="choice-cards" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">{legend}</legend>
      <div className="choice-cards__grid">
        {choices.map((choice) => (
          <label key={choice.value} className={`choice-card${value === choice.value ? ' is-selected' : ''}`}>
            <input
              type="radio"
              className="choice-card__input"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            {choice.icon ? <span className="choice-card__icon">{choice.icon}</span> : null}
            <span className="choice-card__text">
              <span className="choice-card__label">{choice.label}</span>
              <span className="choice-card__description">{choice.description}</span>
            </span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
