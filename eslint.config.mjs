// Lint, plus the layer rules HOUSE-STYLE asks a machine to check.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const VENDOR_SDKS = ['stripe', 'stripe/*', 'twilio', 'twilio/*', '@vapi-ai/server-sdk', '@vapi-ai/server-sdk/*'];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', '.tmp/**', 'coverage/**', 'apps/web-e2e/artifacts/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/api/**', '../../api/**'], message: 'The web never imports the api; share types through @beaker/contracts.' }] }],
    },
  },
  {
    // Only integrations/<vendor>/ may import a vendor SDK; everything else depends on the ports.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/integrations/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: VENDOR_SDKS.filter((p) => !p.endsWith('*')).map((name) => ({ name, message: 'Use the port in integrations/<vendor>/ instead of the SDK.' })), patterns: VENDOR_SDKS.filter((p) => p.endsWith('*')) }],
    },
  },
  {
    // Dependencies through their public entry points only: no package's build folders (cjs/, dist/,
    // lib/…), which change without notice between versions. A separate rule name from the layer
    // rules above, so that neither replaces the other's options.
    files: ['apps/**/*.{ts,tsx,mts,cts,js,mjs,cjs}', 'libs/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-transformer',
              importNames: ['Transform', 'Type', 'Expose', 'Exclude'],
              message: 'Use Trim, TransformString or TypeOf from common/http/dto-transforms.ts: the validation shortcut must know every conversion a DTO asks for.',
            },
          ],
          patterns: [
            {
              regex: '^(@[^/]+/)?[^./@][^/]*/(.+/)?(cjs|esm|dist|lib|build|src|internal)(/|$)',
              message: "A package's private files: import its public entry point (its exports map or main) instead.",
            },
            { group: ['class-transformer/*', 'class-validator/*', 'pino/*', 'sonic-boom/*'], message: 'Import the package itself: these publish nothing else.' },
          ],
        },
      ],
    },
  },
  {
    // The one file that applies class-transformer's decorators, recording each for dto-shortcut.ts.
    // (Known and not yet fixed: twilio.adapter.ts imports types from twilio/lib/, which twilio's
    // index does not re-export; `Parameters<twilio.RequestClient['request']>` would do.)
    files: ['apps/api/src/common/http/dto-transforms.ts', 'apps/api/src/integrations/twilio/twilio.adapter.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['*.js', '*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'apps/api/test/**/*.ts', 'apps/api/bench/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
  },
);
