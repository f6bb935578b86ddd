import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The engine must run unchanged in Node, the worker and tests, so UI and DOM imports are banned there.
const uiModules = [
  'react',
  'react-dom',
  'react-dom/*',
  'zustand',
  'zustand/*',
  'd3-selection',
  'd3-transition',
  'd3-zoom',
  'd3-drag',
  'd3',
];

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-single',
      'node_modules',
      'test-results',
      'playwright-report',
      'public/examples/vendor',
      // Throwaway local scripts (gitignored).
      '**/*.tmp.*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/ui/**/*.ts', 'src/state/**/*.ts', 'src/viz/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: uiModules, message: 'src/engine is pure: no UI or DOM modules.' },
            {
              group: ['**/ui/**', '**/state/**', '**/viz/**', '**/worker/**'],
              message: 'src/engine must not import app layers.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'self'],
    },
  },
);
