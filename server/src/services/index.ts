export type { Ctx as Services } from './context';
export { createContext } from './context';
export * as accounts from './accounts';
export * as secrets from './secrets';
export * as access from './access';
export * as groups from './groups';
export * as directory from './directory';
export { sync } from './sync';
export { listAudit } from './audit';
