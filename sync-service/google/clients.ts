/**
 * Construction of the Sheets v4 and Drive v3 clients.
 *
 * Auth, in order of use:
 * - 'adc' (default): Application Default Credentials through google-auth-library's
 *   GoogleAuth — GOOGLE_APPLICATION_CREDENTIALS (service-account key file),
 *   `gcloud auth application-default login`, or the metadata server.
 * - { keyFile }: a service-account key file.
 * - an OAuth2Client / GoogleAuth you built (tests: an OAuth2Client with a dummy,
 *   non-expiring access token — no token endpoint is ever called).
 * - a string: an API key (sent as `?key=`; Google accepts it for reads of public files only).
 *
 * The clients' built-in retry is turned off (`retry: false`): withRetry is the only
 * retry layer, so attempts are counted and rate limited in one place.
 */
import { drive_v3 } from '@googleapis/drive';
import { sheets_v4 } from '@googleapis/sheets';
import { type AuthClient, GoogleAuth } from 'google-auth-library';

export const SCOPES = {
  /** Read the team sheets and write the company sheet. */
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  /** List folders / file metadata (modifiedTime, version) without content access. */
  driveMetadataReadonly: 'https://www.googleapis.com/auth/drive.metadata.readonly',
} as const;

export const DEFAULT_SCOPES: readonly string[] = [SCOPES.spreadsheets, SCOPES.driveMetadataReadonly];

/** What the generated clients accept as `auth` (googleapis-common bundles its own google-auth-library types). */
export type ClientAuth = NonNullable<sheets_v4.Options['auth']>;

export type GoogleAuthOption = 'adc' | { keyFile: string } | ClientAuth | GoogleAuth | AuthClient;

export interface GoogleClientOptions {
  /** Base URL of the APIs, e.g. the fake's `server.url`. Default: Google. */
  rootUrl?: string;
  auth?: GoogleAuthOption;
  /** Per-request timeout (default 30 000 ms); a hung request fails as kind 'timeout'. */
  timeoutMs?: number;
  scopes?: readonly string[];
}

export interface GoogleClients {
  sheets: sheets_v4.Sheets;
  drive: drive_v3.Drive;
}

export function resolveAuth(auth: GoogleAuthOption | undefined, scopes: readonly string[] = DEFAULT_SCOPES): ClientAuth {
  if (auth === undefined || auth === 'adc') return new GoogleAuth({ scopes: [...scopes] }) as unknown as ClientAuth;
  if (typeof auth === 'string') return auth;
  if ('keyFile' in auth && typeof auth.keyFile === 'string')
    return new GoogleAuth({ keyFile: auth.keyFile, scopes: [...scopes] }) as unknown as ClientAuth;
  // Our google-auth-library may be a newer patch than googleapis-common's own copy; the runtime contract (request()) is the same.
  return auth as unknown as ClientAuth;
}

export function createGoogleClients(options: GoogleClientOptions = {}): GoogleClients {
  const common = {
    auth: resolveAuth(options.auth, options.scopes),
    retry: false,
    timeout: options.timeoutMs ?? 30_000,
    ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}),
  };
  return {
    sheets: new sheets_v4.Sheets(common),
    drive: new drive_v3.Drive(common),
  };
}
