import { render } from 'preact';

// The benchmarks' floor: the least a Preact popup can do, one row drawn from nothing. Built only when
// VAULTSHARE_BENCH is set (see wxt.config.ts); the popup's first paint is measured against it.
// With `?rows=N` it is instead the scrolling floor: the product's virtual list of N plain rows, so the
// popup's scrolling is compared with the same list doing nothing else, on the same machine at the same time.
// `&list=tanstack` draws it with the TanStack Virtual alternative (the virtual-list bench's A/B).
const params = new URLSearchParams(location.search);
const rows = Number(params.get('rows') ?? 0);
const app = document.getElementById('app')!;

if (rows > 0) {
  // The alternative is loaded only when asked for, so the popup bench's floor stays the product's list alone.
  const tanstack = params.get('list') === 'tanstack' ? import('./tanstack-list') : undefined;
  void Promise.all([import('./scroll-floor'), tanstack]).then(([{ ScrollFloor }, alt]) =>
    render(<ScrollFloor rows={rows} List={alt?.TanStackVirtualList} />, app),
  );
} else {
  render(
    <div role="listbox" aria-label="floor">
      <div role="option" aria-selected="false">
        floor
      </div>
    </div>,
    app,
  );
}
