import { Fragment } from 'react';

/**
 * An email address that wraps only where a person would break it on a narrow screen: before the
 * "@" and the dots (<wbr>), and mid-word only if one part is wider than the line on its own.
 * Unlike `overflow-wrap: anywhere`, a short address stays whole.
 */
export function EmailAddress({ email, as: Tag = 'span' }: { email: string; as?: 'span' | 'strong' }) {
  const parts = email.split(/(?=[@.])/);
  return (
    <Tag className="email-address">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </Tag>
  );
}
