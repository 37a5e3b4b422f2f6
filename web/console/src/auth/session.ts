import { UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';

/** Who is signed in, as the identity service's id token says (claims of StaffPrincipal). */
export interface Staff {
  id: string;
  name: string;
  homeOrgId: string;
  roles: string[];
}

const origin = window.location.origin;

// Authorization code + PKCE with refresh tokens (offline_access): the session renews without a frame.
const users = new UserManager({
  authority: `${origin}/`,
  client_id: 'partygrid-console',
  redirect_uri: `${origin}/callback`,
  post_logout_redirect_uri: `${origin}/`,
  response_type: 'code',
  scope: 'openid profile offline_access',
  automaticSilentRenew: true,
  loadUserInfo: false,
  userStore: new WebStorageStateStore({ store: window.sessionStorage }),
});

let current: User | null = null;

export function staffOf(user: User): Staff {
  const p = user.profile as Record<string, unknown>;
  const role = p['role'];
  return {
    id: String(p['sub']),
    name: String(p['name'] ?? ''),
    homeOrgId: String(p['org'] ?? ''),
    roles: Array.isArray(role) ? role.map(String) : role ? [String(role)] : [],
  };
}

export async function signedIn(): Promise<Staff | null> {
  current = await users.getUser();
  if (current?.expired && current.refresh_token) {
    current = await users.signinSilent().catch(() => null);
  }
  return current && !current.expired ? staffOf(current) : null;
}

/** To the identity service's sign-in page; back to <paramref name="returnTo"/> afterwards. */
export function signIn(returnTo: string): Promise<void> {
  return users.signinRedirect({ state: returnTo });
}

/** At /callback: trades the code for tokens and says where the user was going. */
export async function completeSignIn(): Promise<string> {
  current = await users.signinRedirectCallback();
  return typeof current.state === 'string' && current.state.startsWith('/') ? current.state : '/';
}

export async function signOut(): Promise<void> {
  const user = current ?? (await users.getUser());
  await users.removeUser();
  await users.signoutRedirect({ id_token_hint: user?.id_token });
}

export async function accessToken(): Promise<string | null> {
  if (!current || current.expired) {
    await signedIn();
  }
  return current?.access_token ?? null;
}

users.events.addUserLoaded((user) => {
  current = user;
});
users.events.addSilentRenewError(() => {
  current = null;
});
