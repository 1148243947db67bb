import { render } from 'preact';

// The benchmarks' floor: the least a Preact popup can do, one row drawn from nothing. Built only when
// VAULTSHARE_BENCH is set (see wxt.config.ts); the popup's first paint is measured against it.
// With `?rows=N` it is instead the scrolling floor: the product's virtual list of N plain rows, so the
// popup's scrolling is compared with the same list doing nothing else, on the same machine at the same time.
const rows = Number(new URLSearchParams(location.search).get('rows') ?? 0);
const app = document.getElementById('app')!;

if (rows > 0) {
  void import('./scroll-floor').then(({ ScrollFloor }) => render(<ScrollFloor rows={rows} />, app));
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
