// Lint: typescript-eslint's recommended rules plus the layering rule of DEVELOPERS.md. A lower layer
// never imports a higher one; the table below is the single statement of that order.
import tseslint from 'typescript-eslint';

const LAYERS = ['core', 'lang', 'store', 'query', 'indexer', 'services', 'interfaces'];
const INTERFACES = ['cli', 'server', 'mcp', 'web', 'bench'];
const layerOf = (dir) => (INTERFACES.includes(dir) ? 'interfaces' : dir);
// Which src/ folders each layer may NOT import from.
const forbidden = (layer) => {
  const i = LAYERS.indexOf(layer);
  const higher = LAYERS.slice(i + 1).flatMap((l) => (l === 'interfaces' ? INTERFACES : [l]));
  // Interfaces talk to services only; reaching past them into store/indexer/lang is a layering bug.
  const extra = layer === 'interfaces' ? ['store', 'indexer', 'lang', 'query'] : [];
  return [...higher, ...extra];
};
const dirs = ['core', 'lang', 'store', 'query', 'indexer', 'services', ...INTERFACES];
const layerRules = dirs.map((dir) => {
  const banned = forbidden(layerOf(dir)).filter((d) => d !== dir);
  return {
    files: [`src/${dir}/**/*.ts`],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: banned.map((b) => ({
          group: [`**/${b}/*`, `../${b}/*`, `../../${b}/*`],
          message: `layering: src/${dir} (layer "${layerOf(dir)}") must not import src/${b}. See DEVELOPERS.md.`,
        })),
      }],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...layerRules,
);
