import type { ZodType } from 'zod';
import { z } from './zod';
import { Id, Ok } from './common';
import * as A from './auth';
import * as D from './directory';
import * as S from './secrets';
import { SyncQuery, SyncResponse } from './sync';
import { alwaysPossible, problemKinds, type ProblemKind } from './problems';
import * as L from './links';

/** One route of the vault API: the server validates with these schemas and the OpenAPI document is made from them. */
export type Route = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono-style path, `:name` for parameters. */
  path: string;
  summary: string;
  /** Whether a bearer session is required. */
  auth: boolean;
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  response: ZodType;
  status: 200 | 201;
  /**
   * What this route itself can refuse with, beyond what its shape implies (see `routeProblems`): the
   * services' domain errors it can meet. The OpenAPI document and the server's status check read it.
   */
  errors: readonly ProblemKind[];
};

const IdParam = z.strictObject({ id: Id });
const MemberParam = z.strictObject({ id: Id, userId: Id });

export const routes = {
  prelogin: {
    method: 'post',
    path: '/v1/auth/prelogin',
    summary: 'Key-derivation parameters for a username (never reveals whether it exists)',
    auth: false,
    body: A.PreloginRequest,
    response: A.PreloginResponse,
    status: 200,
    errors: [],
  },
  login: {
    method: 'post',
    path: '/v1/auth/login',
    summary: 'Sign in with the VEP/1 auth key; returns a bearer session',
    auth: false,
    body: A.LoginRequest,
    response: A.Session,
    status: 200,
    errors: ['unauthorized', 'forbidden', 'rate_limited'],
  },
  logout: {
    method: 'post',
    path: '/v1/auth/logout',
    summary: 'End this session',
    auth: true,
    response: Ok,
    status: 200,
    errors: [],
  },
  enrollStart: {
    method: 'post',
    path: '/v1/auth/enroll/start',
    summary: 'Check an invitation code and learn the user id to bind keys to',
    auth: false,
    body: A.EnrollStartRequest,
    response: A.EnrollStartResponse,
    status: 200,
    errors: ['unauthorized', 'gone', 'rate_limited'],
  },
  enroll: {
    method: 'post',
    path: '/v1/auth/enroll',
    summary: 'Finish enrollment: keys made on the device; returns a session',
    auth: false,
    body: A.EnrollRequest,
    response: A.Session,
    status: 201,
    errors: ['unauthorized', 'gone', 'rate_limited'],
  },
  changePassword: {
    method: 'post',
    path: '/v1/auth/password',
    summary: 'Change the password: new auth key and re-wrapped private key',
    auth: true,
    body: A.ChangePasswordRequest,
    response: Ok,
    status: 200,
    errors: ['forbidden', 'rate_limited'],
  },
  me: {
    method: 'get',
    path: '/v1/me',
    summary: 'The signed-in user and their encrypted keys',
    auth: true,
    response: A.Me,
    status: 200,
    errors: [],
  },
  setSigningKey: {
    method: 'put',
    path: '/v1/me/signing-key',
    summary: "Set the account's VEP/2 signing key (once)",
    auth: true,
    body: A.SigningKeyUpload,
    response: A.Me,
    status: 200,
    errors: ['conflict'],
  },
  unsigned: {
    method: 'get',
    path: '/v1/me/unsigned',
    summary: 'Secrets the caller owns and groups it manages that still carry unsigned (VEP/1) grants',
    auth: true,
    response: A.UnsignedResponse,
    status: 200,
    errors: [],
  },

  search: {
    method: 'get',
    path: '/v1/directory/search',
    summary: 'Find recipients: enrolled users and groups the caller may share with',
    auth: true,
    query: D.SearchQuery,
    response: D.SearchResponse,
    status: 200,
    errors: [],
  },
  listGroups: {
    method: 'get',
    path: '/v1/groups',
    summary: 'Groups the caller belongs to or manages',
    auth: true,
    response: D.GroupList,
    status: 200,
    errors: [],
  },
  createGroup: {
    method: 'post',
    path: '/v1/groups',
    summary: 'Create a private group',
    auth: true,
    body: D.CreateGroupRequest,
    response: D.GroupView,
    status: 201,
    errors: ['conflict'],
  },
  getGroup: {
    method: 'get',
    path: '/v1/groups/:id',
    summary: 'One group, with its members for managers',
    auth: true,
    params: IdParam,
    response: D.GroupView,
    status: 200,
    errors: ['not_found'],
  },
  updateGroup: {
    method: 'patch',
    path: '/v1/groups/:id',
    summary: "Change a private group's name, description, status or visibility",
    auth: true,
    params: IdParam,
    body: D.UpdateGroupRequest,
    response: D.GroupView,
    status: 200,
    errors: ['forbidden', 'not_found', 'conflict'],
  },
  addMember: {
    method: 'post',
    path: '/v1/groups/:id/members',
    summary: "Add a member, or approve a pending one, with a manager's signed grant of the group key",
    auth: true,
    params: IdParam,
    body: D.AddMemberRequest,
    response: D.GroupView,
    status: 200,
    errors: ['forbidden', 'not_found', 'conflict', 'unprocessable'],
  },
  groupSecrets: {
    method: 'get',
    path: '/v1/groups/:id/secrets',
    summary: 'The API secrets shared with a group, for its managers: those they can see by name, a count of the rest',
    auth: true,
    params: IdParam,
    response: D.GroupSecrets,
    status: 200,
    errors: ['forbidden', 'not_found'],
  },
  setMemberRole: {
    method: 'patch',
    path: '/v1/groups/:id/members/:userId',
    summary: "Make a member a manager of the group, or a plain member again (the owner's role never changes)",
    auth: true,
    params: MemberParam,
    body: D.MemberRoleRequest,
    response: D.GroupView,
    status: 200,
    errors: ['forbidden', 'not_found', 'conflict'],
  },
  removeMember: {
    method: 'delete',
    path: '/v1/groups/:id/members/:userId',
    summary: 'Remove a member (deletes their group grant)',
    auth: true,
    params: MemberParam,
    response: D.GroupView,
    status: 200,
    errors: ['forbidden', 'not_found'],
  },
  removeMemberSigned: {
    method: 'post',
    path: '/v1/groups/:id/members/:userId/remove',
    summary: "Remove or refuse a member with the manager's signed decision",
    auth: true,
    params: MemberParam,
    body: D.RemoveMemberRequest,
    response: D.GroupView,
    status: 200,
    errors: ['forbidden', 'not_found'],
  },

  listSecrets: {
    method: 'get',
    path: '/v1/secrets',
    summary: 'Every API secret the caller can see',
    auth: true,
    response: S.SecretList,
    status: 200,
    errors: [],
  },
  createSecret: {
    method: 'post',
    path: '/v1/secrets',
    summary: 'Create an API secret (client secret as VEP/1 ciphertext)',
    auth: true,
    body: S.CreateSecretRequest,
    response: S.SecretSummary,
    status: 201,
    errors: ['conflict'],
  },
  getSecret: {
    method: 'get',
    path: '/v1/secrets/:id',
    summary: 'One API secret (needs Can view)',
    auth: true,
    params: IdParam,
    response: S.SecretSummary,
    status: 200,
    errors: ['not_found'],
  },
  updateSecret: {
    method: 'patch',
    path: '/v1/secrets/:id',
    summary: 'Edit an API secret (owner or Can edit)',
    auth: true,
    params: IdParam,
    body: S.UpdateSecretRequest,
    response: S.SecretSummary,
    status: 200,
    errors: ['not_found', 'forbidden', 'conflict'],
  },
  disableSecret: {
    method: 'post',
    path: '/v1/secrets/:id/disable',
    summary: 'Disable an API secret (owner or Can edit)',
    auth: true,
    params: IdParam,
    body: S.StatusRequest,
    response: S.SecretSummary,
    status: 200,
    errors: ['not_found', 'forbidden', 'conflict'],
  },
  enableSecret: {
    method: 'post',
    path: '/v1/secrets/:id/enable',
    summary: 'Enable an API secret (owner or Can edit)',
    auth: true,
    params: IdParam,
    body: S.StatusRequest,
    response: S.SecretSummary,
    status: 200,
    errors: ['not_found', 'forbidden', 'conflict'],
  },
  secretValues: {
    method: 'post',
    path: '/v1/secrets/values',
    summary: 'Ciphertext and key paths of several enabled secrets for on-device indexing (no last-use record)',
    auth: true,
    body: S.ValuesRequest,
    response: S.ValuesResponse,
    status: 200,
    errors: [],
  },
  revealSecret: {
    method: 'post',
    path: '/v1/secrets/:id/reveal',
    summary: "The encrypted client secret and the caller's key path (needs Can view; recorded)",
    auth: true,
    params: IdParam,
    response: S.RevealResponse,
    status: 200,
    errors: ['not_found', 'conflict'],
  },
  rotateSecret: {
    method: 'post',
    path: '/v1/secrets/:id/rotate',
    summary: 'Rotate the itemKey: new value and every grant replaced at once (owner or Can edit)',
    auth: true,
    params: IdParam,
    body: S.RotateRequest,
    response: S.SecretSummary,
    status: 200,
    errors: ['not_found', 'forbidden', 'conflict', 'unprocessable'],
  },
  getAccess: {
    method: 'get',
    path: '/v1/secrets/:id/access',
    summary: 'Who has access: owner, users and groups (expanded)',
    auth: true,
    params: IdParam,
    response: S.AccessList,
    status: 200,
    errors: ['not_found'],
  },
  putAccess: {
    method: 'put',
    path: '/v1/secrets/:id/access',
    summary: 'Replace the access list (owner only, atomic, revision-checked)',
    auth: true,
    params: IdParam,
    body: S.PutAccessRequest,
    response: S.AccessList,
    status: 200,
    errors: ['not_found', 'forbidden', 'conflict', 'unprocessable'],
  },
  batchAccess: {
    method: 'post',
    path: '/v1/access/batch',
    summary: 'Replace several access lists in one transaction (batch share)',
    auth: true,
    body: S.BatchAccessRequest,
    response: S.BatchAccessResponse,
    status: 200,
    errors: ['not_found', 'forbidden', 'conflict', 'unprocessable'],
  },
  secretAudit: {
    method: 'get',
    path: '/v1/secrets/:id/audit',
    summary: "An API secret's audit events (owner only)",
    auth: true,
    params: IdParam,
    response: S.AuditList,
    status: 200,
    errors: ['not_found', 'forbidden'],
  },

  sharingPolicy: {
    method: 'get',
    path: '/v1/sharing/policy',
    summary: "The administrator's sharing options (external links on or off, longest lifetime, base URL)",
    auth: true,
    response: L.SharingPolicy,
    status: 200,
    errors: [],
  },
  createLink: {
    method: 'post',
    path: '/v1/links',
    summary: 'Create an external link to a secret the caller may share (ciphertext under the link key only)',
    auth: true,
    body: L.CreateLinkRequest,
    response: L.LinkView,
    status: 201,
    errors: ['forbidden', 'not_found', 'conflict', 'unprocessable'],
  },
  listLinks: {
    method: 'get',
    path: '/v1/links',
    summary:
      "The caller's external links, newest first, a page at a time (cursor, limit), with status, remaining accesses and access log",
    auth: true,
    query: L.LinkListQuery,
    response: L.LinkList,
    status: 200,
    errors: [],
  },
  revokeLink: {
    method: 'post',
    path: '/v1/links/:id/revoke',
    summary: 'End an external link now (its sharer only)',
    auth: true,
    params: IdParam,
    response: L.LinkView,
    status: 200,
    errors: ['not_found'],
  },
  sendLink: {
    method: 'post',
    path: '/v1/links/:id/send',
    summary: 'Email an active link that has an access code to its recipient (its sharer only)',
    auth: true,
    params: IdParam,
    body: L.SendLinkRequest,
    response: L.LinkView,
    status: 200,
    errors: ['not_found', 'conflict', 'unprocessable'],
  },
  linkInfo: {
    method: 'get',
    path: '/v1/public/links/:id',
    summary: "A link's status and whether it asks for an access code (no account)",
    auth: false,
    params: IdParam,
    response: L.PublicLinkInfo,
    status: 200,
    errors: ['not_found'],
  },
  openLink: {
    method: 'post',
    path: '/v1/public/links/:id/open',
    summary: "Open a link with its verifier: counts one access and returns the link's ciphertext (no account)",
    auth: false,
    params: IdParam,
    body: L.OpenLinkRequest,
    response: L.OpenLinkResponse,
    status: 200,
    errors: ['forbidden', 'not_found', 'gone', 'rate_limited'],
  },

  sync: {
    method: 'get',
    path: '/v1/sync',
    summary: 'What changed for the caller since a cursor',
    auth: true,
    query: SyncQuery,
    response: SyncResponse,
    status: 200,
    errors: [],
  },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof routes;
/** The body a route accepts (after defaults) and the answer it gives. */
export type RouteBody<N extends RouteName> = (typeof routes)[N] extends { body: infer B extends ZodType }
  ? z.input<B>
  : never;
export type RouteResponse<N extends RouteName> = z.infer<(typeof routes)[N]['response']>;

/**
 * Every kind of refusal a route can answer with: its own list, plus what its shape implies (input can be
 * invalid, a body can be too large or not JSON, a session can be missing) and what any request can meet.
 */
export function routeProblems(r: Route): ProblemKind[] {
  const implied: ProblemKind[] = [
    ...(r.params || r.query || r.body ? (['invalid'] as const) : []),
    ...(r.body ? (['too_large', 'unsupported_media_type'] as const) : []),
    ...(r.auth ? (['unauthorized'] as const) : []),
  ];
  return [...new Set([...implied, ...r.errors, ...alwaysPossible])];
}

/** Every status a route can answer with: its success status and those of `routeProblems`. */
export function routeStatuses(r: Route): number[] {
  return [r.status, ...routeProblems(r).map((k) => problemKinds[k].status)].sort((a, b) => a - b);
}
