import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { pageChunks } from './build/page-chunks';

/** Any vault server's address; only the one the user signs in to is ever requested. */
const SERVER_ORIGINS = ['http://*/*', 'https://*/*'];

// The manifest asks for as little as it can: the vault server's origin is an optional host permission,
// requested from the options page when the user signs in to it (see utils/vault/permissions.ts).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: crypto and contract export overlapping names (Grant, Ciphertext), and a
  // reader should see where each function comes from.
  imports: false,
  // A second build folder lets two people (or two test runs) build at once without trampling each other.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  hooks: {
    // The benchmarks' floor (an empty Preact page) exists only in the benchmark build, never in the product.
    'entrypoints:resolved': (_wxt, entrypoints) => {
      if (process.env.VAULTSHARE_BENCH) return;
      const floor = entrypoints.findIndex((e) => e.name === 'bench-floor');
      if (floor >= 0) entrypoints.splice(floor, 1);
    },
  },
  vite: () => ({
    // The pages' files: the popup's first screen in one script and one stylesheet (build/page-chunks.ts).
    plugins: [preact(), pageChunks()],
    // The end-to-end tests' hook into the worker, compiled in only when VAULTSHARE_TEST_HOOK is set (npm run
    // build:e2e); otherwise the constant is false and the bundler drops the code.
    define: { __VAULTSHARE_TEST_HOOK__: JSON.stringify(!!process.env.VAULTSHARE_TEST_HOOK) },
  }),
  // The Firefox sources zip is for reviewers: no local databases, test screenshots or benchmark output.
  zip: { excludeSources: ['data/**', '**/*.db', '**/*.db-*', 'e2e/artifacts/**', 'bench/results/**', 'coverage/**'] },
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // offscreen (Chrome only): the worker has no document, and clearing a copied client secret needs one.
    permissions: [
      'storage',
      'alarms',
      'idle',
      browser === 'firefox' ? 'menus' : 'contextMenus',
      'clipboardWrite',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // MV2 (the Firefox build) has no optional_host_permissions: origins go with the optional permissions.
    ...(manifestVersion === 2
      ? { optional_permissions: SERVER_ORIGINS }
      : { optional_host_permissions: SERVER_ORIGINS }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // 140 (the current ESR) and 142 on Android are the first to know data_collection_permissions.
            gecko: {
              id: 'vaultshare@vaultshare.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
