/** Text made safe to put in an email's HTML (element content and quoted attributes). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The brand in an email (apps/web's design tokens, inlined because mail clients drop stylesheets):
 * ink #14201f on white, the primary button #0f5e5a with white text (7.6:1, WCAG AA).
 */
export const EMAIL_BODY_STYLE = 'font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; color: #14201f; line-height: 1.5';
export const EMAIL_BUTTON_STYLE =
  'display: inline-block; padding: 10px 18px; background: #0f5e5a; color: #ffffff; border: 1px solid #0a4643; border-radius: 8px; font-weight: 600; text-decoration: none';
