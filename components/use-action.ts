import { useState } from 'preact/hooks';
import { errorText } from '@/utils/vault/error-text';

/**
 * Busy and error state for a form's submit. `run` takes the promise already started, so the caller can
 * make the browser call that needs the user's gesture (a permission prompt) synchronously in its handler.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  async function run<T>(started: Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      return await started;
    } catch (e) {
      setError(errorText(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
