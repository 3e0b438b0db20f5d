// The token arrives in the address's fragment (never sent to the server), is kept in this browser and sent as
// a bearer token; 退出 forgets it.
const tokenKey = 'vr.token';

export function takeTokenFromAddress() {
  const token = tokenFrom(location.hash);
  if (token) {
    localStorage.setItem(tokenKey, token);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return token;
}

/** A pasted link (…/#token=…) or the bare token. */
export function tokenFrom(text) {
  const trimmed = (text || '').trim();
  const match = /[#&?]token=([^&#\s]+)/.exec(trimmed);
  if (match) return decodeURIComponent(match[1]);
  return /^[A-Za-z0-9._~-]{20,}$/.test(trimmed) ? trimmed : null;
}

export function signIn(token) {
  localStorage.setItem(tokenKey, token);
}

export function token() {
  return localStorage.getItem(tokenKey);
}

export function signOut() {
  localStorage.removeItem(tokenKey);
  localStorage.removeItem('vr.town');
}

/**
 * Who the token speaks for, read from its middle part (vr1.{unit}.{secret}); any other token is the deployment
 * admin's. The server decides what is allowed; this only picks the screens.
 */
export function caller(value = token()) {
  const match = /^vr1\.(\d{12})\./.exec(value || '');
  if (!match) return { role: 'admin', unit: null, town: localStorage.getItem('vr.town') };
  const unit = match[1];
  if (unit.endsWith('000000')) return { role: 'county', unit, town: localStorage.getItem('vr.town') };
  if (unit.endsWith('000')) return { role: 'town', unit, town: unit };
  return { role: 'village', unit, town: `${unit.slice(0, 9)}000` };
}

export function chooseTown(code) {
  localStorage.setItem('vr.town', code);
}
