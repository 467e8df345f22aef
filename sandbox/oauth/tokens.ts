import { createHash } from 'node:crypto';
import { randomToken } from '../http';

export interface OAuthClient {
  id: string;
  secret: string;
}

export interface Grant {
  clientId: string;
  redirectUri: string;
  scope: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

interface AccessToken {
  scope: string;
  expired: boolean;
  refreshToken?: string;
}

interface RefreshToken {
  scope: string;
  active: boolean;
}

/** Authorization codes live as long as a real provider's (minutes), and are single-use. */
const CODE_TTL_MS = 10 * 60 * 1000;

export type AccessCheck = 'valid' | 'expired' | 'unknown';

/**
 * One provider's issued codes and tokens. Tokens are opaque random strings; only their state
 * matters. Expiring and revoking are switches a test flips to force the connector's refresh
 * and reconnect paths.
 */
export class TokenStore {
  private readonly codes = new Map<string, Grant & { expiresAt: number }>();
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();

  constructor(
    readonly client: OAuthClient,
    private readonly prefixes: { access?: string; refresh?: string } = {},
  ) {}

  issueCode(grant: Grant): string {
    const code = randomToken(18);
    this.codes.set(code, { ...grant, expiresAt: Date.now() + CODE_TTL_MS });
    return code;
  }

  takeCode(code: string): Grant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    return grant && grant.expiresAt > Date.now() ? grant : undefined;
  }

  issueAccess(scope: string, refreshToken?: string): string {
    const token = `${this.prefixes.access ?? ''}${randomToken(24)}`;
    this.access.set(token, { scope, expired: false, ...(refreshToken ? { refreshToken } : {}) });
    return token;
  }

  checkAccess(token: string | undefined): AccessCheck {
    const found = token ? this.access.get(token) : undefined;
    if (!found) return 'unknown';
    return found.expired ? 'expired' : 'valid';
  }

  issueRefresh(scope: string): string {
    const token = `${this.prefixes.refresh ?? ''}${randomToken(32)}`;
    this.refresh.set(token, { scope, active: true });
    return token;
  }

  /** The scope of a live refresh token, or undefined when it is unknown, rotated out or revoked. */
  refreshScope(token: string): string | undefined {
    const found = this.refresh.get(token);
    return found?.active ? found.scope : undefined;
  }

  retireRefresh(token: string): void {
    const found = this.refresh.get(token);
    if (found) found.active = false;
  }

  /** Revokes either kind of token; a refresh token takes its access tokens with it. */
  revoke(token: string): boolean {
    if (this.refresh.has(token)) {
      this.retireRefresh(token);
      for (const access of this.access.values()) if (access.refreshToken === token) access.expired = true;
      return true;
    }
    const access = this.access.get(token);
    if (access) access.expired = true;
    return Boolean(access);
  }

  expireAccessTokens(): void {
    for (const access of this.access.values()) access.expired = true;
  }

  revokeRefreshTokens(): void {
    for (const refresh of this.refresh.values()) refresh.active = false;
  }
}

export const pkceS256 = (verifier: string): string => createHash('sha256').update(verifier).digest('base64url');

/** Client credentials from HTTP Basic, else from the form body. */
export const clientCredentials = (authorization: string | undefined, form: URLSearchParams): { id?: string; secret?: string } => {
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
};

export const bearerToken = (authorization: string | undefined): string | undefined => {
  const match = /^bearer\s+(.+)$/i.exec(authorization ?? '');
  return match?.[1]?.trim();
};
