/** A short outcome shown after an action: "copied", or what went wrong. */
export type Note = { text: string; error?: boolean };

/**
 * Where an action's outcome appears. The live region stays in the page while empty, because screen
 * readers announce changes to a region they already know, not a region that appears with its text.
 */
export function LiveNote({ note, class: cls }: { note?: Note; class?: string }) {
  return (
    <div role="status" class={`live-note ${cls ?? ''}`}>
      {note && <p class={note.error ? 'form-error' : 'notice notice--ok'}>{note.text}</p>}
    </div>
  );
}
