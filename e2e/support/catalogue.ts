import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };

/**
 * The words of one language's catalogue (`en`, `pt-BR`, `es`), as the extension shows them: a test finds
 * the Portuguese button by its Portuguese name, and a missing translation makes it fail.
 */
export function catalogue(lang: string): (key: string, ...subs: string[]) => string {
  const folder = lang.replace('-', '_');
  const messages = JSON.parse(
    readFileSync(resolve(import.meta.dirname, '../../public/_locales', folder, 'messages.json'), 'utf8'),
  ) as Record<string, Entry>;
  return (key, ...subs) => {
    const entry = messages[key];
    if (!entry) throw new Error(`No message ${key} in ${folder}`);
    const named = entry.message.replace(
      /\$([a-z0-9_]+)\$/gi,
      (_, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? '',
    );
    return named.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  };
}
