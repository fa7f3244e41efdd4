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
