// Lint enforces the layer arrows of docs/ARCHITECTURE.md and the bans that keep the core
// deterministic. Each ban's message names what to use instead.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const simBannedGlobals = [
  ['setTimeout', 'Schedule an event on world.queue instead.'],
  ['setInterval', 'Schedule an event on world.queue instead.'],
  ['requestAnimationFrame', 'The sim has no frames; the worker host drives it.'],
  ['performance', 'Use world.nowMs (simulated time).'],
  ['self', 'The sim may not touch Worker globals.'],
  ['window', 'The sim may not touch the DOM.'],
  ['document', 'The sim may not touch the DOM.'],
  ['crypto', 'Use world.rng streams.'],
].map(([name, message]) => ({ name, message }));

const simBannedProperties = [
  ['Date', 'now', 'Use world.nowMs (simulated time).'],
  ['Math', 'random', 'Use a seeded stream: world.rng.<concern>.'],
  ['Math', 'log', 'Engine-approximated: results differ across browsers. Use integer maths.'],
  ['Math', 'exp', 'Engine-approximated: results differ across browsers. Use integer maths.'],
  ['Math', 'pow', 'Engine-approximated: results differ across browsers. Use ** on integers or BigInt.'],
  ['Math', 'sin', 'Engine-approximated: results differ across browsers.'],
  ['Math', 'cos', 'Engine-approximated: results differ across browsers.'],
].map(([object, property, message]) => ({ object, property, message }));

const layer = (from, patterns) => ({
  files: [`src/${from}/**/*.{ts,tsx}`],
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results.json'] },
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
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/**/*.test.ts', 'src/sim/**/*.testkit.ts'],
    rules: {
      'no-restricted-globals': ['error', ...simBannedGlobals],
      'no-restricted-properties': ['error', ...simBannedProperties],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock. Use world.nowMs.' }],
    },
  },
  layer('sim', [
    { group: ['**/scenarios/**', '**/share/**', '**/worker/**', '**/ui/**'], message: 'src/sim is the bottom layer: it imports nothing from the app.' },
  ]),
  layer('scenarios', [
    { group: ['**/share/**', '**/worker/**', '**/ui/**'], message: 'Scenarios are data: they may import sim types only.' },
    { group: ['**/sim/**'], allowTypeImports: true, message: 'Scenarios may import sim types only (import type).' },
  ]),
  layer('share', [
    { group: ['**/worker/**', '**/ui/**'], message: 'src/share may import scenarios and sim types only.' },
    { group: ['**/sim/**'], allowTypeImports: true, message: 'src/share may import sim types only (import type).' },
  ]),
  layer('bridge', [
    { group: ['**/worker/**', '**/ui/**', '**/share/**'], message: 'src/bridge is pure: it may import scenarios and sim types only.' },
    { group: ['**/sim/**'], allowTypeImports: true, message: 'src/bridge may import sim types only (import type).' },
  ]),
  layer('challenges', [
    { group: ['**/share/**', '**/worker/**', '**/ui/**'], message: 'Challenges are data and pure judging: they may import scenarios and sim types only.' },
    { group: ['**/sim/**'], allowTypeImports: true, message: 'Challenges may import sim types only (import type).' },
  ]),
  layer('worker', [{ group: ['**/ui/**', '**/share/**'], message: 'The worker hosts the sim; it knows nothing of the UI.' }]),
  layer('ui', [
    { group: ['**/sim/**'], allowTypeImports: true, message: 'The UI sees the sim only through the worker: import type only.' },
    { group: ['**/worker/*', '!**/worker/client', '!**/worker/client.ts'], allowTypeImports: true, message: 'The UI talks to the worker through worker/client.ts only (import type for the protocol).' },
  ]),
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
