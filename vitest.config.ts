import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// Three layers, one runner: unit (crypto, contract, cache, sync, components, background), server
// (the real HTTP server on SQLite and, when TEST_DATABASE_URL is set, PostgreSQL), e2e (the built
// extension in the system Chromium against a real vault server).
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest(), preact()],
        // The worker's entrypoint reads this build-time flag (wxt.config.ts); the unit tests never need the hook.
        define: { __VAULTSHARE_TEST_HOOK__: 'false' },
        test: {
          name: 'unit',
          include: [
            'utils/**/*.test.ts',
            'components/**/*.test.tsx',
            'entrypoints/**/*.test.ts?(x)',
            'test/**/*.test.ts?(x)',
          ],
          environment: 'happy-dom',
          setupFiles: ['test/setup.ts'],
          // Real crypto (key derivation, P-256, AES) in many tests, and a real vault server started by a few
          // (utils/share): generous, so a machine busy with other work slows the suite instead of failing it.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['server/test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
