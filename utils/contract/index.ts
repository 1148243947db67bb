export { z } from './zod';
export * from './common';
export * from './auth';
export * from './directory';
export * from './secrets';
export * from './sync';
export * from './routes';
export { buildOpenApi } from './openapi';
export * from './problems';
