import { useId } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import { THEMES, type Theme } from '@/utils/theme';

const LABELS: Record<Theme, MessageKey> = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' };

/** Appearance: follow the system, or always light, or always dark. Applied as soon as it is chosen. */
export function ThemeCard({ theme, onChange }: { theme: Theme; onChange: (theme: Theme) => void }) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('themeTitle')}</h2>
      <fieldset class="choices">
        <legend>{t('themeLabel')}</legend>
        {THEMES.map((value) => (
          <label key={value} class="choice">
            <input
              type="radio"
              name={`${id}-theme`}
              value={value}
              checked={theme === value}
              onChange={() => onChange(value)}
            />
            {t(LABELS[value])}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
