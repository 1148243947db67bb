/** Every stored time is ISO-8601 UTC text: sortable, and the same in SQLite and PostgreSQL. */
export const nowIso = () => new Date().toISOString();
export const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
