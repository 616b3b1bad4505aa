import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Dependencies run one way: a lib never imports an app, and packages meet only through their index.ts. */
const LIB_BOUNDARIES = [
  { group: ['@rung/app-*', '**/apps/**'], message: 'a lib never imports an app' },
  { group: ['@rung/*/**', '**/libs/*/src/**'], message: 'import another package only through its root index.ts' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration from RungConfig; only boot.ts reads process.env.' }],
    },
  },
  {
    files: ['libs/platform/src/boot.ts', 'test/**/*.ts', 'bench/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**', 'libs/contracts/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: LIB_BOUNDARIES }] },
  },
  {
    files: ['apps/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LIB_BOUNDARIES[1]] }] },
  },
  {
    files: ['libs/domain/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['@nestjs/*', 'mongoose', 'kafkajs', 'node:fs*', 'fs'], message: 'contracts and domain stay pure: no Nest and no I/O' },
        ...LIB_BOUNDARIES,
      ] }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass time in; never read the clock in the domain.' }],
    },
  },
);
