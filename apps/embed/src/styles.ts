/**
 * The form's colours: the only place they are chosen (styles.spec.ts checks their contrast). The
 * form paints its own background, so the host page's colours never sit behind its text.
 */
export const PALETTE = {
  surface: '#ffffff',
  ink: '#14201f',
  muted: '#4a5a58',
  inputBorder: '#7d8d8a',
  button: '#14201f',
  onButton: '#ffffff',
  focus: '#1a56db',
  error: '#b42318',
  errorBg: '#fef3f2',
} as const;

const p = PALETTE;

/**
 * Inside the shadow root: the host page's styles do not reach in (`all: initial` stops the
 * inherited ones too), and these do not leak out. Fluid widths, so the form works at 320px.
 */
export const STYLESHEET = `
:host{all:initial;display:block}
.bf{box-sizing:border-box;max-width:36rem;padding:1rem;border-radius:.5rem;background:${p.surface};color:${p.ink};font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:left;overflow-wrap:anywhere}
/* No specificity: every rule below wins over this reset. */
:where(.bf *){box-sizing:border-box;font:inherit;color:inherit;margin:0}
:where(.bf p){margin:0 0 .75rem}
.muted{color:${p.muted};font-size:.875rem}
.field{margin:0 0 1rem}
.field>label{display:block;font-weight:600;margin-bottom:.25rem}
.req{color:${p.error};margin-left:.125rem}
input,textarea,select{display:block;width:100%;max-width:100%;min-height:2.75rem;padding:.5rem .75rem;border:1px solid ${p.inputBorder};border-radius:.375rem;background:${p.surface};color:${p.ink}}
textarea{min-height:6rem;resize:vertical}
.check{display:flex;gap:.5rem;align-items:flex-start}
.check input{flex:none;width:1.25rem;min-height:0;height:1.25rem;margin-top:.125rem;padding:0;accent-color:${p.button}}
.check label{font-weight:400}
[aria-invalid=true]{border-color:${p.error};border-width:2px}
.error{color:${p.error};font-size:.875rem;margin-top:.25rem}
.form-error{color:${p.error};background:${p.errorBg};border:1px solid ${p.error};border-radius:.375rem;padding:.5rem .75rem}
button{display:inline-block;min-height:2.75rem;padding:.5rem 1.25rem;border:0;border-radius:.375rem;background:${p.button};color:${p.onButton};font-weight:600;cursor:pointer}
button[aria-disabled=true]{cursor:progress;opacity:.85}
:focus{outline:3px solid ${p.focus};outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
[hidden]{display:none!important}
`;
