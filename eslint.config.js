// Lint for TypeScript and the plain JavaScript files; .astro files are type-checked by `astro check` (npm run check).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist.*/', '.trove/', 'content/', 'tests/fixtures/', 'bench/results/', 'bench/work/', '.astro/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      // A function that does not fit on a screen does more than one thing.
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      // Hostile text is the input: control characters are matched on purpose, to find and remove them.
      'no-control-regex': 'off',
      // A catch that ignores its error says why in a comment; an empty one is a choice, not an oversight.
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  // A test file's describe() groups its tests: its length is the number of cases, not one function doing too much.
  { files: ['tests/**/*.ts'], rules: { 'max-lines-per-function': 'off' } },
  // TypeScript checks names itself, with the types of Node and the DOM.
  { files: ['**/*.ts'], rules: { 'no-undef': 'off' } },
  { files: ['src/page-scripts/**/*.js'], languageOptions: { globals: globals.browser } },
  // The verifier (src/signing/trove-verify.mjs, linked from public/) is plain JavaScript run by Node.
  { files: ['src/signing/**/*.mjs', 'public/**/*.mjs', '*.mjs', '*.cjs', '*.js'], languageOptions: { globals: globals.node } },
);
