import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'data', 'test/fixtures/media', '.cache'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'CallExpression[callee.property.name="only"]',
          message: 'No focused tests (.only) in committed code.',
        },
        {
          selector: 'CallExpression[callee.property.name="skip"][callee.object.name=/^(it|test|describe)$/]',
          message: 'No skipped tests: fix or delete them.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'server/web/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: [
      'electron/**/*.ts',
      'server/**/*.ts',
      'scripts/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      '*.config.{ts,js}',
    ],
    ignores: ['server/web/**'],
    languageOptions: { globals: globals.node },
  },
)
