export * from './types';
export * from './plan';
export { shareSecrets } from './share';
export { pendingApprovals, approveMember, refuseMember, type PendingMember } from './pending-members';
export { fetchAccess, cacheAccess } from './current';
