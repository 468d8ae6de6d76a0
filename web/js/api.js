// The JSON API client: one place that adds the CSRF header, turns error
// bodies into ApiError and sends the user back to the login page on 401.

let csrfToken = null;
let unauthorizedHandler = null;

export function setCsrf(token) {
  csrfToken = token || null;
}

export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

export class ApiError extends Error {
  constructor(status, error, errors) {
    super((error && error.message) || `HTTP ${status}`);
    this.status = status;
    this.code = (error && error.code) || (status === 0 ? 'network' : 'unknown');
    this.field = (error && error.field) || '';
    this.errors = errors || null; // an import's [{row, column, message}], a form's [{field, message}]
  }
}

function buildUrl(path, query) {
  let url = `/api/v1/${path}`;
  if (query) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v === null || v === undefined || v === '') continue;
      qs.set(k, String(v));
    }
    const s = qs.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  return url;
}

async function send(method, path, { query, json, raw, contentType, quiet401 } = {}) {
  const headers = { Accept: 'application/json' };
  let body;
  if (json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (raw !== undefined) {
    headers['Content-Type'] = contentType || 'application/octet-stream';
    body = raw;
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let resp;
  try {
    resp = await fetch(buildUrl(path, query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, { code: 'network', message: String(e && e.message) });
  }
  if (resp.status === 401 && !quiet401 && unauthorizedHandler) unauthorizedHandler();
  return resp;
}

async function errorFrom(resp) {
  let data = null;
  try {
    data = await resp.json();
  } catch {
    /* not JSON: keep the status alone */
  }
  return new ApiError(resp.status, data && data.error, data && data.errors);
}

export async function api(method, path, opts = {}) {
  const resp = await send(method, path, opts);
  if (!resp.ok) throw await errorFrom(resp);
  if (resp.status === 204) return null;
  const text = await resp.text();
  return text ? JSON.parse(text) : null;
}

export const get = (path, query, opts) => api('GET', path, { ...opts, query });
export const post = (path, json, opts) => api('POST', path, { ...opts, json });
export const patch = (path, json, opts) => api('PATCH', path, { ...opts, json });
export const del = (path, query, opts) => api('DELETE', path, { ...opts, query });

// Downloads a file response; returns {blob, filename}. With json, the
// file is the answer to a POST of it.
export async function download(path, query, json) {
  const resp = await send(json === undefined ? 'GET' : 'POST', path, { query, json });
  if (!resp.ok) throw await errorFrom(resp);
  const cd = resp.headers.get('Content-Disposition') || '';
  // a Chinese name comes in filename* (RFC 5987), an ASCII stand-in in filename
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd) || /filename="?([^";]+)"?/i.exec(cd);
  const filename = m ? decodeURIComponent(m[1]) : path.replace(/\W+/g, '-') + '.csv';
  return { blob: await resp.blob(), filename };
}
