import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The manifest asks for as little as it can: the vault server's origin is an optional host permission,
// requested from the options page when the user signs in to it (see utils/vault/permissions.ts).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports everywhere: crypto and contract export overlapping names (Grant, Ciphertext), and a
  // reader should see where each function comes from.
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'idle', browser === 'firefox' ? 'menus' : 'contextMenus', 'clipboardWrite'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'vaultshare@vaultshare.dev', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
