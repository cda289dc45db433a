// Lint, plus the layer rules HOUSE-STYLE asks a machine to check.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const VENDOR_SDKS = ['stripe', 'stripe/*', 'twilio', 'twilio/*', '@vapi-ai/server-sdk', '@vapi-ai/server-sdk/*'];

const PRIVATE_FILES = [
  {
    regex: '^(@[^/]+/)?[^./@][^/]*/(.+/)?(cjs|esm|es|umd|dist|lib|build|src|internal)(/|$)',
    message: "That is a package's private file: import its public entry point (its exports map, main or a documented subpath).",
  },
  { group: ['class-transformer/*', 'class-validator/*', 'pino/*', 'sonic-boom/*'], message: 'Import the package itself: these publish nothing else.' },
];

const CLASS_TRANSFORMER_DECORATORS = {
  name: 'class-transformer',
  importNames: ['Transform', 'Type', 'Expose', 'Exclude'],
  message: 'Use Trim, TransformString or TypeOf from common/http/dto-transforms.ts: the validation shortcut must know every conversion a DTO asks for.',
};

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
    files: ['apps/web/**/*.{ts,tsx}', 'apps/embed/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Between projects (tags in each project.json): apps depend on libs/* only, never on another
    // app (the web never imports the api; the browser tests reach both through HTTP alone), and
    // no project but the api (below: only its integrations/) imports a vendor SDK.
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          depConstraints: [
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: VENDOR_SDKS },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: VENDOR_SDKS },
            { sourceTag: 'scope:embed', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: VENDOR_SDKS },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: VENDOR_SDKS },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'], bannedExternalImports: VENDOR_SDKS },
          ],
        },
      ],
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
    // Dependencies through their public entry points only: a package's build folders (cjs/, lib/,
    // dist/…) are private, whatever they export today, and change without notice between versions.
    // Type imports too: they break as silently. A rule name of its own, so that the layer rules above
    // and this one never replace each other's options.
    files: ['**/*.{ts,tsx,mts,cts,js,mjs,cjs}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [CLASS_TRANSFORMER_DECORATORS], patterns: PRIVATE_FILES }],
    },
  },
  {
    // The one file that applies class-transformer's decorators, recording each for dto-shortcut.ts.
    files: ['apps/api/src/common/http/dto-transforms.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: PRIVATE_FILES }],
    },
  },
  {
    // The embed script runs on other people's pages with no runtime dependencies: its code imports
    // its own files and the contracts (types, and the few values it needs), no package.
    files: ['apps/embed/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [...PRIVATE_FILES, { regex: '^(?!\\.{1,2}/|@beaker/contracts$)', allowTypeImports: true, message: 'The embed script has no runtime dependencies (apps/embed/README.md).' }] },
      ],
    },
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
