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
    // What the faces share (formatting, task labels, timeline lines, diff parsing) lives in
    // view/, browser-safe: it sees the engine's types only, and no face.
    files: ['src/view/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/commands/**', '**/tui/**', '**/server/**', '**/web/**', 'node:*'],
              message: 'view/ is shared by every face and runs in the page',
            },
            {
              group: ['**/engine/**'],
              allowTypeImports: true,
              message: "view/ takes the engine's types only (it runs in the page)",
            },
          ],
        },
      ],
    },
  },
  ...[
    ['src/tui/**/*.{ts,tsx}', ['**/commands/**', '**/server/**', '**/web/**']],
    ['src/web/**/*.{ts,tsx}', ['**/commands/**', '**/server/**', '**/tui/**']],
    ['src/server/**/*.ts', ['**/commands/**', '**/tui/**', '**/web/**']],
    ['src/commands/**/*.ts', ['**/tui/**', '**/server/**', '**/web/**']],
  ].map(([files, faces]) => ({
    // Faces stand side by side (DESIGN.md): none imports another; a face may lazily import()
    // another only to launch it (serve, tui --serve), which this rule does not see. Each reaches
    // the engine through its entry only; the page, which cannot load Node code, takes its types
    // only (and what runs in it comes from view/). tests/unit/structure-faces.test.ts checks
    // the same on the whole import graph.
    files: [/** @type {string} */ (files)],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: /** @type {string[]} */ (faces),
              message: 'a face must not import another face (shared code belongs in view/)',
            },
            {
              // vocabulary.js: the engine's words (agents, statuses), constants loading nothing
              // else, for a command's help without the engine bundle.
              group: ['**/engine/**', '!**/engine/index.js', '!**/engine/vocabulary.js'],
              message: 'a face imports the engine through its entry only (engine/index.js)',
            },
            ...(files === 'src/web/**/*.{ts,tsx}'
              ? [
                  {
                    group: ['**/engine/index.js'],
                    allowTypeImports: true,
                    message: "the page takes the engine's types only (what runs is in view/)",
                  },
                ]
              : []),
          ],
        },
      ],
    },
  })),
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
