import { useMemo, useState } from 'preact/hooks';
import type { SecretSummary } from '@/utils/contract';

/** Rows checked for a batch share; ids that left the list (or stopped being the user's) drop out. */
export function useSelection(secrets: readonly SecretSummary[] | undefined) {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const selected = useMemo(() => {
    const shareable = new Set((secrets ?? []).filter((s) => s.permissions.share).map((s) => s.id));
    return new Set([...ids].filter((id) => shareable.has(id)));
  }, [ids, secrets]);
  return {
    selected,
    toggle: (s: SecretSummary) =>
      setIds((prev) => {
        const next = new Set(prev);
        if (!next.delete(s.id)) next.add(s.id);
        return next;
      }),
    clear: () => setIds(new Set()),
  };
}
