import { z } from 'zod';

// zod 4 probes `new Function` to pick a faster parser; an MV3 extension's CSP forbids it and logs an
// error. Every contract module imports `z` from here so the switch is thrown before any schema exists.
z.config({ jitless: true });

export { z };
