import { render } from 'preact';

// The benchmarks' floor: the least a Preact popup can do, one row drawn from nothing. Built only when
// VAULTSHARE_BENCH is set (see wxt.config.ts); the popup's first paint is measured against it.
render(
  <div role="listbox" aria-label="floor">
    <div role="option" aria-selected="false">
      floor
    </div>
  </div>,
  document.getElementById('app')!,
);
