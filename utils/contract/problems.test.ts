import { describe, expect, it } from 'vitest';
import { buildOpenApi } from './openapi';
import { routeStatuses, routes, type Route } from './routes';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const doc = buildOpenApi() as unknown as Doc;
const published = (r: Route) =>
  Object.keys(doc.paths[r.path.replace(/:(\w+)/g, '{$1}')]![r.method]!.responses)
    .map(Number)
    .sort((a, b) => a - b);

describe('statuses in the OpenAPI document', () => {
  it.each([
    ['login', 401],
    ['login', 429],
    ['putAccess', 422],
    ['batchAccess', 422],
    ['enroll', 410],
    ['addMember', 422],
    ['changePassword', 403],
  ] as const)('%s declares %i', (name, status) => {
    expect(published(routes[name])).toContain(status);
  });

  it('a route that reads no input declares no 400, and one without a session no 401 unless it checks credentials', () => {
    expect(published(routes.listSecrets)).not.toContain(400);
    expect(published(routes.prelogin)).not.toContain(401);
  });

  it.each(Object.keys(routes))('%s publishes exactly the statuses the route table gives it', (name) => {
    const r = routes[name as keyof typeof routes] as Route;
    expect(published(r)).toEqual(routeStatuses(r));
  });
});
