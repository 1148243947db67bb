import { useId } from 'preact/hooks';
import { t, type MessageKey } from '@/utils/i18n';
import { DENSITIES, type Density } from '@/utils/density';
import { THEMES, type Theme } from '@/utils/theme';

const LABELS: Record<Theme, MessageKey> = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' };
const DENSITY_LABELS: Record<Density, MessageKey> = { compact: 'densityCompact', roomy: 'densityRoomy' };

/** One radio group of the card. */
function Choices<T extends string>(props: {
  legend: string;
  name: string;
  values: readonly T[];
  label: (value: T) => string;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="choices">
      <legend>{props.legend}</legend>
      {props.values.map((value) => (
        <label key={value} class="choices__item">
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          {props.label(value)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Appearance: follow the system, or always light, or always dark; and the list's rows, compact (two
 * lines, more secrets on one screen) or roomy (with tags, owner and status). Applied as soon as chosen.
 */
export function ThemeCard({
  theme,
  onChange,
  density,
  onDensity,
}: {
  theme: Theme;
  onChange: (theme: Theme) => void;
  density: Density;
  onDensity: (density: Density) => void;
}) {
  const id = useId();
  return (
    <section class="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('themeTitle')}</h2>
      <Choices
        legend={t('themeLabel')}
        name={`${id}-theme`}
        values={THEMES}
        label={(v) => t(LABELS[v])}
        value={theme}
        onChange={onChange}
      />
      <Choices
        legend={t('densityLabel')}
        name={`${id}-density`}
        values={DENSITIES}
        label={(v) => t(DENSITY_LABELS[v])}
        value={density}
        onChange={onDensity}
      />
    </section>
  );
}
