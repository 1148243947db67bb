import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { SignInForm } from './SignInForm';

const WARNING = /starts with http:\/\/, so nothing you send is encrypted/;

function form(serverUrl = '') {
  render(
    <SignInForm
      initial={{ serverUrl, username: '' }}
      onSignIn={vi.fn(() => Promise.resolve())}
      onEnrollInstead={vi.fn()}
    />,
  );
  return userEvent.setup();
}

/** Pastes rather than types: user-event reads `[` as the start of a key name. */
async function typeAddress(user: ReturnType<typeof userEvent.setup>, address: string) {
  await user.click(screen.getByLabelText('Vault server'));
  await user.paste(address);
}

describe('SignInForm: plain-http warning', () => {
  it.each(['http://vault.example.com', 'http://10.0.0.5:8787', 'HTTP://vault.example.com/api'])(
    'warns before signing in to %s',
    async (address) => {
      const user = form();
      await typeAddress(user, address);
      expect(screen.getByRole('status').textContent).toMatch(WARNING);
    },
  );

  it.each([
    'https://vault.example.com',
    'vault.example.com',
    'http://localhost:8787',
    'http://127.0.0.1:8787',
    '127.0.0.1:8787',
    'http://[::1]:8787',
    '',
  ])('says nothing for %s (encrypted, or this machine)', async (address) => {
    const user = form();
    if (address) await typeAddress(user, address);
    expect(screen.queryByText(WARNING)).toBeNull();
  });

  it('warns for a saved plain-http address as soon as the form opens', () => {
    form('http://vault.internal.example');
    expect(screen.getByRole('status').textContent).toMatch(WARNING);
  });
});
