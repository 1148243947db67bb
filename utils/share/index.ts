export * from './types';
export * from './plan';
export { shareSecrets } from './share';
export { completePendingMembers } from './pending-members';
export { fetchAccess, cacheAccess } from './current';
