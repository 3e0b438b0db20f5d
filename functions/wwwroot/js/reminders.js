import { api, ApiError, explain } from './api.js';
import { h, replace, say } from './dom.js';

const channels = [
  ['wecom', '企业微信群机器人'],
  ['dingtalk', '钉钉自定义机器人'],
  ['webhook', '通用 Webhook（签名）'],
];
const statusNames = { sent: '已发送', failed: '发送失败', sending: '发送中' };

/** 催报: the town's reminder channel (the secret is write-only) and every reminder sent. */
export async function showReminders(main, { me }) {
  replace(main, h('p', { class: 'loading', text: '正在加载…' }));
  let settings = null;
  let sent;
  try {
    settings = await api(`/api/towns/${me.town}/reminders`).then((r) => r.data).catch((error) => {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    });
    sent = (await api(`/api/towns/${me.town}/reminders/sent`)).data.reminders;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return replace(main, h('h1', { text: '催报' }), h('p', { class: 'note error', role: 'alert', text: explain(error) }));
  }

  const status = h('p', { role: 'status', hidden: true });
  const channel = h('select', { id: 'reminder-channel' }, channels.map(([value, name]) => h('option', { value, selected: settings?.channel === value }, name)));
  const url = h('input', { id: 'reminder-url', type: 'url', inputmode: 'url', autocomplete: 'off', value: settings?.url ?? '' });
  const secret = h('input', { id: 'reminder-secret', type: 'password', autocomplete: 'off', placeholder: settings?.hasSecret ? '已设置；留空则不变' : '钉钉加签或 Webhook 的密钥' });
  const days = h('input', { id: 'reminder-days', inputmode: 'text', value: (settings?.days ?? [-2, 0]).join(',') });
  const everyDay = h('input', { id: 'reminder-every-day', type: 'checkbox', checked: settings?.everyDayAfterDue ?? true });
  const form = h('form', { novalidate: true },
    h('div', { class: 'field plain' }, h('label', { for: 'reminder-channel', text: '发送到' }), channel),
    h('div', { class: 'field plain' }, h('label', { for: 'reminder-url', text: '机器人地址（https）' }), url),
    h('div', { class: 'field plain' }, h('label', { for: 'reminder-secret', text: '密钥' }), secret),
    h('div', { class: 'field plain' }, h('label', { for: 'reminder-days', text: '提醒日（相对截止日的天数，如 -2,0）' }), days),
    h('div', { class: 'field plain' }, h('label', { for: 'reminder-every-day', text: '截止后每天提醒，直到报表生成' }), everyDay),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, '保存设置')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      channel: channel.value,
      url: url.value.trim(),
      days: days.value.split(/[,，\s]+/).filter(Boolean).map(Number),
      everyDayAfterDue: everyDay.checked,
    };
    if (secret.value) body.secret = secret.value;
    try {
      await api(`/api/towns/${me.town}/reminders`, { method: 'PUT', body });
      secret.value = '';
      say(status, '催报设置已保存。', 'ok');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      say(status, [explain(error), ...(error.problem?.errors ? Object.values(error.problem.errors).flat() : [])].join(' '), 'error');
    }
  });

  const runNow = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    try {
      await api(`/api/towns/${me.town}/reminders/run`, { method: 'POST' });
      say(status, '已排队发送今天的催报（今天已发过则不再重复）。', 'ok');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      say(status, explain(error), 'error');
    }
  } }, '立即发送今天的催报');

  const items = [...sent].reverse().map((r) => h('li', {},
    h('p', {}, h('strong', { text: `${r.day} · ${r.period}` }), h('span', { class: `badge ${r.status === 'sent' ? 'ok' : r.status === 'failed' ? 'error' : 'info'}`, text: statusNames[r.status] || r.status })),
    h('p', { class: 'hint', text: `尝试${r.attempts.length}次${r.lastError ? `；${r.lastError}` : ''}` })));

  replace(main,
    h('h1', { text: '催报' }),
    h('p', { class: 'hint', text: '每天上午9点给尚未报送的单位发提醒，消息里列出未报单位和截止日。同一天最多发一次。' }),
    status, form, h('div', { class: 'actions' }, runNow),
    h('h2', { text: '发送记录' }),
    items.length ? h('ul', { class: 'reports' }, items) : h('p', { text: '还没有发送过催报。' }));
}
