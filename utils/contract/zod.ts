import { z } from 'zod';

// zod 4 probes `new Function` to pick a faster parser; an MV3 extension's CSP forbids it and logs an
// error. Every contract module imports `z` from here so the switch is thrown before any schema exists.
// In Node (the server, its tools and the tests) the compiled parsers stay: the server checks every answer
// against the contract, and they check a first load's 10,000 summaries several times faster.
const inNode =
  typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';
z.config({ jitless: !inNode });

export { z };
