import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as AssessmentPaths } from './schema/assessment';
import type { paths as IdentityPaths } from './schema/identity';
import type { paths as MembersPaths } from './schema/members';
import type { paths as OrganisationsPaths } from './schema/organisations';
import type { paths as PairingPaths } from './schema/pairing';
import type { paths as TicketsPaths } from './schema/tickets';
import { accessToken, signIn } from '../auth/session';

// Every call carries the signed-in user's token; a 401 means the session is over: sign in and come back.
const bearer: Middleware = {
  async onRequest({ request }) {
    const token = await accessToken();
    if (token) {
      request.headers.set('Authorization', `Bearer ${token}`);
    }
    return request;
  },
  async onResponse({ response }) {
    if (response.status === 401) {
      await signIn(window.location.pathname + window.location.search);
    }
    return response;
  },
};

function client<Paths extends object>() {
  const c = createClient<Paths>({ baseUrl: window.location.origin });
  c.use(bearer);
  return c;
}

export const tickets = client<TicketsPaths>();
export const organisations = client<OrganisationsPaths>();
export const members = client<MembersPaths>();
export const pairing = client<PairingPaths>();
export const assessment = client<AssessmentPaths>();
export const identity = client<IdentityPaths>();
