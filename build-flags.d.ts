/** Build-time constants (wxt.config.ts `define`; vitest.config.ts gives the unit tests the same). */

/** Whether this build carries the end-to-end tests' hook into the worker (never the product). */
declare const __VAULTSHARE_TEST_HOOK__: boolean;
