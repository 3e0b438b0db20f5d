import { token } from './session.js';

/** A refused or failed request: status 0 when the network failed (offline). */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.title || (status ? `HTTP ${status}` : '网络不通'));
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
  }

  get offline() { return this.status === 0; }
  get slug() { return (this.problem.type || '').split(':').pop(); }
  get errors() { return this.problem.errors || {}; }
}

/** Calls the API with the bearer token; answers { status, data, etag, blob } or throws ApiError. */
export async function api(path, { method = 'GET', body, ifMatch, as = 'json' } = {}) {
  const headers = { Authorization: `Bearer ${token()}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch) headers['If-Match'] = ifMatch;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0);
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON: the status says enough */ }
    throw new ApiError(response.status, problem, Number(response.headers.get('Retry-After')) || null);
  }
  const etag = response.headers.get('ETag');
  if (response.status === 204) return { status: 204, data: null, etag };
  if (as === 'blob') return { status: response.status, blob: await response.blob(), etag };
  return { status: response.status, data: await response.json(), etag };
}

/**
 * The catalog rarely changes: the copy kept on the phone draws the form at once (and offline) while a fresh one is
 * fetched for next time; the server checks every figure anyway. Without a copy, the form waits for it.
 */
export async function catalog() {
  const kept = localStorage.getItem('vr.catalog');
  const keptAt = Number(localStorage.getItem('vr.catalog.at')) || 0;
  if (kept && Date.now() - keptAt < 12 * 3600_000) return JSON.parse(kept);
  const fetched = api('/api/catalog').then(({ data }) => {
    localStorage.setItem('vr.catalog', JSON.stringify(data));
    localStorage.setItem('vr.catalog.at', String(Date.now()));
    return data;
  });
  if (kept) {
    fetched.catch(() => { /* offline or refused: the kept copy serves */ });
    return JSON.parse(kept);
  }
  return fetched;
}

/** Plain Chinese for a refusal that has no better place to be explained. */
export function explain(error) {
  if (error.offline) return '网络不通，请检查手机网络后重试。';
  switch (error.status) {
    case 401: return '登录链接已失效，请向镇办索取新的登录卡，或点“退出”后重新登录。';
    case 403: return '您的登录链接无权查看或修改这里的数据。';
    case 404: return '没有找到这项数据（代码有误，或尚未登记）。';
    case 409: return error.slug === 'period-in-future' ? '这个月份还没有开始，不能填报。' : '本月报表已生成并锁定，如需更正请联系镇办';
    case 412: return '数据已被他人修改';
    case 503: return '服务器暂时无法保存，请稍后再试。';
    default: return error.problem.title ? `出错了：${error.problem.title}` : `出错了（${error.status}）`;
  }
}
