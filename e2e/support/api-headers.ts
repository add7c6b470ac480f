// What a test sends when it reads the proxy directly (page.request / fetch in Node): the header the
// app's own fetch layer sends, without which the proxy refuses every /api call.
import { APP_REQUEST_HEADER, APP_REQUEST_HEADER_VALUE } from '../../src/kommo/api-paths';

export const API_HEADERS: Record<string, string> = { [APP_REQUEST_HEADER]: APP_REQUEST_HEADER_VALUE };
