/** An error the fake answers with, in Google's JSON shape `{ error: { code, message, status } }`. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, status: this.status, ...this.extra } };
  }
}

const CANONICAL: Record<number, [string, string]> = {
  400: ['INVALID_ARGUMENT', 'Request contains an invalid argument.'],
  401: [
    'UNAUTHENTICATED',
    'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
  ],
  403: ['PERMISSION_DENIED', 'The caller does not have permission'],
  404: ['NOT_FOUND', 'Requested entity was not found.'],
  409: ['ABORTED', 'The operation was aborted.'],
  429: ['RESOURCE_EXHAUSTED', 'Resource has been exhausted (e.g. check quota).'],
  500: ['INTERNAL', 'Internal error encountered.'],
  502: ['UNAVAILABLE', 'Bad Gateway'],
  503: ['UNAVAILABLE', 'The service is currently unavailable.'],
  504: ['DEADLINE_EXCEEDED', 'The request timed out. Please try again.'],
};

/** Google's canonical status name and message for an HTTP code. */
export function canonical(code: number, message?: string): ApiError {
  const [status, text] = CANONICAL[code] ?? ['UNKNOWN', `HTTP ${code}`];
  return new ApiError(code, message ?? text, status);
}

export const badRequest = (message: string) => new ApiError(400, message, 'INVALID_ARGUMENT');

/** Why Google refuses a request with 403 (see `forbidden`). */
export type ForbiddenCause = 'not-shared' | 'scope-missing' | 'api-disabled';

const SERVICE = { sheets: ['sheets.googleapis.com', 'Google Sheets API'], drive: ['drive.googleapis.com', 'Google Drive API'] } as const;

/**
 * Google's 403 bodies, which tell the causes apart (shapes as Google sends them, e.g.
 * https://developers.google.com/drive/api/guides/handle-errors and the API's ErrorInfo details):
 * - not shared: Sheets says PERMISSION_DENIED "The caller does not have permission"; Drive, which
 *   hides files the caller cannot see, answers 404 notFound instead (see fileNotFound);
 * - scope missing: "Request had insufficient authentication scopes.", errors[{domain: global,
 *   reason: insufficientPermissions}], ErrorInfo ACCESS_TOKEN_SCOPE_INSUFFICIENT;
 * - API disabled: "<API> has not been used in project N before or it is disabled. Enable it by
 *   visiting …", errors[{domain: usageLimits, reason: accessNotConfigured}], ErrorInfo SERVICE_DISABLED.
 */
export function forbidden(cause: ForbiddenCause, api: 'sheets' | 'drive', project = '000000000000'): ApiError {
  const [service, title] = SERVICE[api];
  if (cause === 'scope-missing') {
    return new ApiError(403, 'Request had insufficient authentication scopes.', 'PERMISSION_DENIED', {
      errors: [{ message: 'Insufficient Permission', domain: 'global', reason: 'insufficientPermissions' }],
      details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com', metadata: { service } }],
    });
  }
  if (cause === 'api-disabled') {
    const url = `https://console.developers.google.com/apis/api/${service}/overview?project=${project}`;
    const message = `${title} has not been used in project ${project} before or it is disabled. Enable it by visiting ${url} then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.`;
    return new ApiError(403, message, 'PERMISSION_DENIED', {
      errors: [{ message, domain: 'usageLimits', reason: 'accessNotConfigured', extendedHelp: 'https://console.developers.google.com' }],
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'SERVICE_DISABLED',
          domain: 'googleapis.com',
          metadata: { service, consumer: `projects/${project}`, activationUrl: url },
        },
      ],
    });
  }
  if (api === 'drive') {
    return new ApiError(403, 'The user does not have sufficient permissions for this file.', 'PERMISSION_DENIED', {
      errors: [{ message: 'The user does not have sufficient permissions for this file.', domain: 'global', reason: 'insufficientFilePermissions' }],
    });
  }
  return canonical(403);
}
