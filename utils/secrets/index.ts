export * from './draft';
export * from './validate';
export type { Unlocked } from './context';
export { createSecret, updateSecret, setSecretStatus, type UpdateInput } from './write';
export { revealSecret } from './reveal';
