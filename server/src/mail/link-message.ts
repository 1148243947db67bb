import type { Mail } from './mailer';

/**
 * The email that carries an external link. It never holds the access code (the server never has it), and
 * it says so, because without the code the link opens nothing.
 */
export function linkMessage(m: {
  to: string;
  sharerName: string;
  url: string;
  expiresAt: string;
  maxAccesses: number | null;
}): Mail {
  const expires = new Date(m.expiresAt).toUTCString();
  const uses =
    m.maxAccesses === null
      ? 'as many times as needed until then'
      : m.maxAccesses === 1
        ? 'once'
        : `${m.maxAccesses} times`;
  return {
    to: m.to,
    subject: `${m.sharerName} shared an API secret with you`,
    text: [
      `${m.sharerName} shared an API secret with you through Vaultshare.`,
      '',
      `Open this link in your browser:`,
      m.url,
      '',
      `You also need the access code, which ${m.sharerName} gives you another way (it is not in this email).`,
      `The link works until ${expires}, ${uses}.`,
      '',
      'If you did not expect this message, you can ignore it.',
    ].join('\n'),
  };
}
