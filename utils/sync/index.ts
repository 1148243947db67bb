export * from './sync-once';
export * from './engine';
