// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The browser view runs in the page.
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // The engine owns the truth and knows nothing of its faces (DESIGN.md: dependencies point inward).
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'ink', 'ink-*', 'hono', '@hono/*', 'meow'],
              message: 'engine/ must not import a face library',
            },
            {
              group: ['**/commands/**', '**/tui/**', '**/server/**', '**/cli.js'],
              message: 'engine/ must not import a face',
            },
          ],
        },
      ],
    },
  },
  {
    // The simulated agent is a separate program: it must not lean on the engine it is meant to test.
    files: ['src/demo-agent/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/engine/**', '**/commands/**'], message: 'demo-agent is standalone' },
          ],
        },
      ],
    },
  },
);
