import { densityItem } from '@/utils/storage-items';

/** How much each row of the popup's list shows: compact (two lines, the default) or roomy (four). */
export const DENSITIES = ['compact', 'roomy'] as const;
export type Density = (typeof DENSITIES)[number];

/**
 * A copy in the pages' own `localStorage`, read synchronously before the first paint so the list does not
 * redraw at another row height a moment later (as the theme does); `storage.local` stays the record.
 */
const MIRROR_KEY = 'vaultshare.density';
const isDensity = (v: unknown): v is Density => DENSITIES.includes(v as Density);

function mirror(density: Density) {
  try {
    localStorage.setItem(MIRROR_KEY, density);
  } catch {
    // No localStorage: the popup follows storage.local a moment later.
  }
}

/** The density to draw the first frame with. */
export function densityNow(): Density {
  try {
    const value = localStorage.getItem(MIRROR_KEY);
    return isDensity(value) ? value : 'compact';
  } catch {
    return 'compact';
  }
}

/** The saved density (compact when none). */
export async function readDensity(): Promise<Density> {
  const value = await densityItem.getValue();
  const density = isDensity(value) ? value : 'compact';
  mirror(density);
  return density;
}

/** Saves the choice; an open popup follows at once. */
export async function saveDensity(density: Density): Promise<void> {
  mirror(density);
  await densityItem.setValue(density);
}

/** Calls back with every change made elsewhere (the options page); returns the unsubscribe. */
export const watchDensity = (cb: (density: Density) => void) =>
  densityItem.watch((value) => cb(isDensity(value) ? value : 'compact'));
