// Why a Google request failed, in words people can act on (the reason a stale team shows).
import { DEFAULT_SCOPES } from '../google/clients.ts';
import type { ClassifiedError } from '../google/errors.ts';

/** The three 403s Google sends, each with its fix. */
function describeForbidden(e: ClassifiedError, status: string): string {
  switch (e.forbidden) {
    case 'scope-missing':
      return `access denied${status}: the credentials lack the Sheets and Drive scopes. Use a service-account key (sources.google.credentials), or run \`gcloud auth application-default login --scopes=${ADC_SCOPES}\``;
    case 'api-disabled': {
      const link = /https:\/\/console\.developers\.google\.com\/\S+/.exec(e.message)?.[0]?.replace(/[.,]$/, '');
      return `access denied${status}: the API is disabled in the Google Cloud project: enable the Google Sheets API and the Google Drive API${link ? ` (${link})` : ''}, wait a few minutes, and sync again`;
    }
    default:
      return `access denied${status}: share the spreadsheet (or its folder) with the service account's e-mail address (Viewer is enough)`;
  }
}

/** What `gcloud auth application-default login --scopes` needs for this service (cloud-platform is gcloud's own). */
export const ADC_SCOPES = ['https://www.googleapis.com/auth/cloud-platform', ...DEFAULT_SCOPES].join(',');

/** A reason people can act on. */
export function describeGoogleError(e: ClassifiedError): string {
  const status = e.status ? ` (${e.status})` : '';
  switch (e.kind) {
    case 'not-found':
      return `Google says the spreadsheet does not exist${status}: it was deleted, or is no longer shared with the service account`;
    case 'forbidden':
      return describeForbidden(e, status);
    case 'rate-limited':
      return `Google kept rate limiting the reads${status}; it will be retried next sync`;
    case 'server':
      return `Google had a server error${status}; it will be retried next sync`;
    case 'timeout':
      return 'the request to Google timed out; it will be retried next sync';
    case 'network':
      return `network error talking to Google: ${e.message}`;
    case 'garbage':
      return 'Google sent a response that could not be read; it will be retried next sync';
    case 'bad-request':
      return `Google refused the request${status}: ${e.message}`;
    default:
      return e.message;
  }
}
