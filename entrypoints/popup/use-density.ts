import { useEffect, useState } from 'preact/hooks';
import { densityNow, readDensity, watchDensity, type Density } from '@/utils/density';

/** The list's row density: the mirrored copy at once, then the saved one, then every change. */
export function useDensity(): Density {
  const [density, setDensity] = useState(densityNow);
  useEffect(() => {
    void readDensity().then(setDensity);
    return watchDensity(setDensity);
  }, []);
  return density;
}
