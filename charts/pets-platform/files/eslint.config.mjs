// files/k6/ copies the repository's k6/ (scripts/sync-files.sh). ESLint uses the config
// nearest to each file, and the root config's patterns are relative to where the config
// lives: re-exported from here, its "k6/**/*.js" block (ES modules, k6 globals) matches
// these copies exactly as it matches the originals.
export { default } from '../../../eslint.config.mjs';
