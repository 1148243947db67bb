export * from './types';
export { createPrivateGroup } from './create';
export { addMembers, removeMember, setManager } from './members';
export { grantGroupKey, withGroupKey } from './grant-key';
