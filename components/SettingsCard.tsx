import { useId, useState } from 'preact/hooks';
import { t, tCount } from '@/utils/i18n';
import { AUTO_LOCK_CHOICES } from '@/utils/config';
import type { Settings } from '@/utils/session/types';

/** Settings: how long the vault stays unlocked without activity. Saved as soon as it changes. */
export function SettingsCard({
  settings,
  onSave,
}: {
  settings: Settings;
  onSave: (autoLockMinutes: number) => Promise<unknown>;
}) {
  const id = useId();
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settingsTitle')}</h2>
      <div class="field">
        <label for={id}>{t('autoLockLabel')}</label>
        <select
          id={id}
          value={String(settings.autoLockMinutes)}
          onChange={(e) => {
            setSaved(false);
            void onSave(Number(e.currentTarget.value)).then(() => setSaved(true));
          }}
        >
          {AUTO_LOCK_CHOICES.map((m) => (
            <option key={m} value={String(m)}>
              {m < 60 ? tCount(m, 'minutesOne', 'minutesOther') : tCount(m / 60, 'hoursOne', 'hoursOther')}
            </option>
          ))}
        </select>
        <p class="field__hint" role="status">
          {saved ? t('saved') : t('autoLockHint')}
        </p>
      </div>
    </section>
  );
}
