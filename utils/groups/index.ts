export * from './types';
export { createPrivateGroup } from './create';
export { addMembers, removeMember } from './members';
export { grantGroupKey, withGroupKey } from './grant-key';
