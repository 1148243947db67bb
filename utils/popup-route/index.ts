export * from './route';
export * from './targets';
