export * from './schema';
export * from './open';
export * from './read';
export * from './write';
export * from './head';
