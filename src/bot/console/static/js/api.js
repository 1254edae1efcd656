// Kotae console: Calls to the console API; errors come back in the page's language.
import { state } from './page-state.js';

export const API = '/api/console';

// ---- API -------------------------------------------------------------------------

export async function api(path, options = {}) {
  const response = await fetch(`${API}${path}`, {
    ...options,
    headers: {
      Accept: 'application/json',
      // Errors come back in the language the page shows, not the browser's.
      'Accept-Language': state.locale,
      ...(options.body ? { 'Content-Type': 'application/json' } : {}),
    },
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const error = new Error(
      (body && typeof body.error === 'string' && body.error) || `HTTP ${response.status}`,
    );
    error.status = response.status;
    error.localized = Boolean(body && typeof body.error === 'string');
    throw error;
  }
  return body;
}
