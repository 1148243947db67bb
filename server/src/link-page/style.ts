/** The page's only style sheet; system fonts and colours, so nothing is fetched from elsewhere. */
export const LINK_PAGE_CSS = `
:root { color-scheme: light dark; --accent: #1d4ed8; --muted: #5b6472; --line: #d6dae0; }
@media (prefers-color-scheme: dark) { :root { --accent: #8fb0ff; --muted: #a3acb9; --line: #3a404a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 36rem; margin: 10vh auto; padding: 0 1.25rem; }
h1 { font-size: 1.35rem; margin: 0 0 1rem; }
.notice { font-size: 1.15rem; }
label { display: block; font-weight: 600; margin-top: 1rem; }
input { width: 100%; font: inherit; padding: .55rem .7rem; border: 1px solid var(--line); border-radius: 6px; margin-top: .3rem; }
button { font: inherit; cursor: pointer; border-radius: 6px; border: 1px solid var(--line); background: transparent; color: inherit; padding: .35rem .8rem; }
button.primary { margin-top: 1rem; background: var(--accent); border-color: var(--accent); color: #fff; padding: .55rem 1.2rem; }
@media (prefers-color-scheme: dark) { button.primary { color: #0b1220; } }
button:disabled { opacity: .6; cursor: progress; }
.hint { color: var(--muted); font-size: .9rem; }
.error { color: #b42318; min-height: 1.5em; }
@media (prefers-color-scheme: dark) { .error { color: #ff8a80; } }
dl { margin: 0; }
.field { border-top: 1px solid var(--line); padding: .6rem 0; }
dt { font-size: .85rem; color: var(--muted); }
dd { margin: .2rem 0 0; display: flex; gap: .75rem; align-items: center; justify-content: space-between; }
code { font: .95rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
code.secret { font-weight: 600; }
`;
