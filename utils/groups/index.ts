export * from './types';
export { createPrivateGroup } from './create';
export { addMembers } from './members';
export { grantGroupKey, withGroupKey } from './grant-key';
