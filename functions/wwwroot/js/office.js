import { api, ApiError, catalog, explain } from './api.js';
import { h, replace, say, saveBlob } from './dom.js';
import { showForm } from './form.js';
import { go } from './nav.js';
import { chinaNow, label, lastMonth, timeLabel } from './periods.js';

const cellStates = {
  onTime: { mark: '按', name: '按时' },
  late: { mark: '迟', name: '迟报' },
  missing: { mark: '缺', name: '未报' },
  open: { mark: '待', name: '未到期' },
};

function failed(main, title, error) {
  if (!(error instanceof ApiError)) throw error;
  replace(main, h('h1', { text: title }), h('p', { class: 'note error', role: 'alert', text: explain(error) }));
}

/** Units × the last 12 months: each cell says by its letter (and colour) how that unit reported, and opens it. */
export async function showGrid(main, { me, who }) {
  replace(main, h('p', { class: 'loading', text: '正在加载…' }));
  let overview;
  try {
    ({ data: overview } = await api(`/api/towns/${me.town}/overview?months=12`));
  } catch (error) {
    return failed(main, '总览', error);
  }
  if (!main.isConnected) return;
  who.textContent = overview.name;
  const head = h('tr', {}, h('th', { scope: 'col', class: 'unit-col', text: '单位' }),
    overview.periods.map((p) => h('th', { scope: 'col', class: p.locked ? 'locked' : null, title: label(p.period) },
      h('span', { text: `${Number(p.period.slice(5))}月` }),
      p.locked ? h('span', { class: 'lock', text: '锁' }) : null)));
  const rows = overview.units.map((unit) => h('tr', {},
    h('th', { scope: 'row', class: 'unit-col', text: unit.name }),
    unit.cells.map((cell, index) => {
      const state = cellStates[cell.state] || { mark: '?', name: cell.state };
      const period = overview.periods[index];
      const detail = `${unit.name} ${label(cell.period)}：${state.name}${cell.revision ? `，第${cell.revision}版` : ''}${period?.locked ? '，已锁定' : ''}`;
      return h('td', {}, h('button', {
        type: 'button', class: `cell ${cell.state}`, 'aria-label': detail, title: detail,
        onclick: () => go(`/office/unit/${unit.unit}/${cell.period}`),
      }, state.mark));
    })));
  const legend = h('ul', { class: 'legend', 'aria-label': '图例' },
    Object.entries(cellStates).map(([key, s]) => h('li', {}, h('span', { class: `cell ${key}`, 'aria-hidden': 'true', text: s.mark }), s.name)),
    h('li', {}, h('span', { class: 'lock', text: '锁' }), '报表已生成'));
  const first = overview.periods[0]?.period, last = overview.periods.at(-1)?.period;
  replace(main,
    h('h1', { text: `${overview.name} · 报送情况` }),
    h('p', { class: 'hint', text: first ? `${label(first)}至${label(last)}。点格子查看该单位当月数据和修改记录。` : '' }),
    legend,
    h('div', { class: 'grid-wrap' }, h('table', { class: 'grid' }, h('thead', {}, head), h('tbody', {}, rows))));
}

/** One unit's month, as the office sees it: the same form, amendable (with a reason once locked), with its revisions. */
export async function showUnit(main, { me, unit, period }) {
  await showForm(main, {
    unit, period, me,
    pathFor: (p) => `/office/unit/${unit}/${p}`,
    heading: null,
  });
  const back = h('p', {}, h('a', { href: '/office', text: '← 返回总览' }));
  main.prepend(back);
}

/** Village sign-in links: issue one (shown once), revoke all of a village's, or print a fresh sheet for every village. */
export async function showTokens(main, { me }) {
  replace(main, h('p', { class: 'loading', text: '正在加载…' }));
  let town;
  try {
    ({ data: town } = await api(`/api/towns/${me.town}`));
  } catch (error) {
    return failed(main, '登录链接', error);
  }
  const status = h('p', { role: 'status', hidden: true });
  const issued = h('div', { class: 'issued', hidden: true, 'aria-live': 'polite' });
  const confirmBox = h('dialog', { class: 'confirm' });

  const ask = (question, detail, confirmLabel) => new Promise((resolve) => {
    replace(confirmBox,
      h('h2', { text: question }), h('p', { text: detail }),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', onclick: () => { confirmBox.close(); resolve(true); } }, confirmLabel),
        h('button', { type: 'button', class: 'secondary', onclick: () => { confirmBox.close(); resolve(false); } }, '取消')));
    confirmBox.addEventListener('cancel', () => resolve(false), { once: true });
    confirmBox.showModal();
  });

  const showLink = (village, token) => {
    const link = `${location.origin}/#token=${encodeURIComponent(token)}`;
    const field = h('input', { id: 'issued-link', readonly: true, value: link });
    const copied = h('span', { role: 'status' });
    replace(issued,
      h('h2', { text: `${village.name}的新登录链接` }),
      h('p', { text: '这个链接只显示这一次，请复制后发给村文书（或打印登录卡）。旧链接仍然有效，除非吊销。' }),
      h('label', { for: 'issued-link', text: '登录链接' }), field,
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: async () => {
          try {
            await navigator.clipboard.writeText(link);
          } catch {
            field.select();
            document.execCommand('copy');
          }
          copied.textContent = '已复制';
        } }, '复制链接'), copied));
    issued.hidden = false;
    field.focus();
    field.select();
  };

  const rows = town.villages.filter((v) => v.active).map((village) => h('li', { class: 'village' },
    h('span', { class: 'name', text: village.name }), h('span', { class: 'code', text: village.code }),
    h('span', { class: 'actions' },
      h('button', { type: 'button', 'aria-label': `为${village.name}发放登录链接`, onclick: async () => {
        try {
          const { data } = await api(`/api/units/${village.code}/tokens`, { method: 'POST' });
          showLink(village, data.token);
          say(status, '', 'info');
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          say(status, explain(error), 'error');
        }
      } }, '发放链接'),
      h('button', { type: 'button', class: 'danger', 'aria-label': `吊销${village.name}的登录链接`, onclick: async () => {
        if (!await ask(`吊销${village.name}的全部登录链接？`, '吊销后，这个村现有的登录链接和登录卡都不能再用（其他服务器上最多还能用1分钟），需要重新发放。', '确认吊销')) return;
        try {
          await api(`/api/units/${village.code}/tokens`, { method: 'DELETE' });
          issued.hidden = true;
          say(status, `已吊销${village.name}的全部登录链接。`, 'ok');
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          say(status, explain(error), 'error');
        }
      } }, '吊销'))));

  const sheet = h('button', { type: 'button', onclick: async () => {
    if (!await ask('打印登录卡？', '打印会为每个村发放新的登录链接：旧的登录卡和链接将立即失效，村文书需要用新卡重新登录。', '发放新链接并下载登录卡')) return;
    say(status, '正在生成登录卡…', 'info');
    try {
      const { blob } = await api(`/api/towns/${me.town}/signin-sheet`, { method: 'POST', as: 'blob' });
      const address = saveBlob(blob, `登录卡-${town.name}.pdf`);
      replace(status, '登录卡已生成（PDF）。', ' ', h('a', { href: address, target: '_blank', rel: 'noopener', download: `登录卡-${town.name}.pdf`, text: '再次下载' }));
      status.className = 'note ok';
      issued.hidden = true;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      say(status, explain(error), 'error');
    }
  } }, '打印登录卡');

  replace(main,
    h('h1', { text: `${town.name} · 登录链接` }),
    h('p', { text: '村文书用登录链接（或登录卡上的二维码）在手机上打开填报页面。' }),
    h('div', { class: 'actions' }, sheet),
    status, issued,
    h('ul', { class: 'villages' }, rows),
    confirmBox);
}

/** The town's annual targets (年度目标) per element. */
export async function showTargets(main, { me, year }) {
  const thisYear = chinaNow().year;
  year = /^\d{4}$/.test(year || '') ? Number(year) : thisYear;
  replace(main, h('p', { class: 'loading', text: '正在加载…' }));
  let elementsCatalog, targets;
  try {
    [elementsCatalog, { data: targets }] = await Promise.all([catalog(), api(`/api/towns/${me.town}/targets/${year}`)]);
  } catch (error) {
    return failed(main, '年度目标', error);
  }
  const status = h('p', { role: 'status', hidden: true });
  const inputs = new Map();
  const sections = elementsCatalog.sections.map((section) => {
    const elements = elementsCatalog.elements.filter((e) => e.section === section.code);
    return h('fieldset', {}, h('legend', { text: section.name }), elements.map((e) => {
      const input = h('input', { id: `t-${e.code}`, name: e.code, inputmode: 'decimal', autocomplete: 'off', value: targets.targets[e.code] ?? '', 'aria-describedby': `tm-${e.code}` });
      const message = h('p', { class: 'msg error', id: `tm-${e.code}`, hidden: true });
      inputs.set(e.code, { input, message });
      return h('div', { class: 'field plain' }, h('label', { for: input.id, text: e.name }), h('span', { class: 'entry' }, input, h('span', { class: 'unit', text: e.unit })), message);
    }));
  });
  const picker = h('select', { id: 'target-year' }, [thisYear - 1, thisYear, thisYear + 1].map((y) => h('option', { value: y, selected: y === year }, `${y}年`)));
  picker.addEventListener('change', () => go(`/office/targets/${picker.value}`));
  const form = h('form', { novalidate: true }, sections, h('div', { class: 'actions' }, h('button', { type: 'submit' }, '保存目标')), status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = {};
    let bad = null;
    for (const [code, { input, message }] of inputs) {
      const text = input.value.trim();
      message.hidden = true;
      if (text === '') continue;
      const value = Number(text);
      if (!/^\d+(\.\d+)?$/.test(text) || value <= 0) {
        message.textContent = '请填写大于0的数字';
        message.hidden = false;
        bad ??= input;
      } else values[code] = value;
    }
    if (bad) {
      bad.focus();
      return say(status, '有目标填写有误。', 'error');
    }
    try {
      await api(`/api/towns/${me.town}/targets/${year}`, { method: 'PUT', body: { targets: values } });
      say(status, `${year}年目标已保存（${Object.keys(values).length}项）。`, 'ok');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      for (const [code, messages] of Object.entries(error.errors)) {
        const target = inputs.get(code);
        if (target) {
          target.message.textContent = messages.join('；');
          target.message.hidden = false;
        }
      }
      say(status, explain(error), 'error');
    }
  });
  replace(main,
    h('h1', { text: '年度目标' }),
    h('div', { class: 'period-bar' }, h('label', { for: 'target-year', text: '年度' }), picker),
    h('p', { class: 'hint', text: '全镇全年的目标值；空着的项目没有目标。报表据此计算完成百分比。' }),
    form);
}

const deliveryNames = { delivered: '已送达县里', pending: '等待投递', queued: '等待投递', failed: '投递失败' };
const approvalNames = { awaiting: '待审核', approved: '已审核', withdrawn: '审核已撤销' };

/** 审核通过 or 撤销审核 for one version: the server decides what is allowed and says why not. */
async function approve(me, report, status, withdraw) {
  const path = `/api/towns/${me.town}/approvals/${report.kind}/${report.period}`;
  try {
    if (withdraw) {
      const reason = window.prompt('撤销审核的原因（必填）：');
      if (!reason) return false;
      await api(path, { method: 'DELETE', body: { reason } });
    } else {
      await api(path, { method: 'POST', body: {} });
    }
    return true;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    say(status, explain(error), 'error');
    return false;
  }
}

/** Every report version with its download and its delivery to the county. */
export async function showReports(main, { me }) {
  replace(main, h('p', { class: 'loading', text: '正在加载…' }));
  let reports, deliveries;
  try {
    [{ data: reports }, { data: deliveries }] = await Promise.all([api(`/api/towns/${me.town}/reports`), api(`/api/towns/${me.town}/deliveries`)]);
  } catch (error) {
    return failed(main, '报表', error);
  }
  const status = h('p', { role: 'status', hidden: true });
  const deliveryOf = new Map(deliveries.deliveries.map((d) => [`${d.kind}|${d.period}|${d.version}`, d]));
  const list = [...reports.reports].sort((a, b) => (b.period + b.version).localeCompare(a.period + a.version));
  const items = list.map((report) => {
    const kindName = report.kind === 'annual' ? '年报' : '月报';
    const title = `${report.kind === 'annual' ? `${report.period}年` : label(report.period)}${kindName} 第${report.version}版`;
    const delivery = deliveryOf.get(`${report.kind}|${report.period}|${report.version}`);
    const deliveryText = delivery ? (deliveryNames[delivery.status] || delivery.status) : '未投递';
    const file = `${reports.town}-${report.kind}-${report.period}-v${report.version}.pdf`;
    const approval = approvalNames[report.approval];
    const canApprove = me.role !== 'county' && report.approval === 'awaiting';
    const canWithdraw = me.role !== 'county' && report.approval === 'approved' && !report.deliveryQueued;
    const onApproval = (withdraw) => async () => {
      if (await approve(me, report, status, withdraw)) {
        await showReports(main, { me });
        say(main.querySelector('[role=status]'), withdraw ? `已撤销审核：${title}` : `审核通过：${title}，将送达县里`, 'ok');
      }
    };
    return h('li', { class: 'report' },
      h('p', {}, h('strong', { text: title }), report.stale ? h('span', { class: 'badge warn', text: '数据已更正，待重新生成' }) : null,
        approval ? h('span', { class: `badge ${report.approval === 'approved' ? 'ok' : 'warn'}`, text: approval }) : null),
      canApprove ? h('button', { type: 'button', 'aria-label': `审核通过${title}`, onclick: onApproval(false) }, '审核通过') : null,
      canWithdraw ? h('button', { type: 'button', class: 'secondary', 'aria-label': `撤销审核${title}`, onclick: onApproval(true) }, '撤销审核') : null,
      h('p', { class: 'hint', text: `${timeLabel(report.created)} · ${Math.round(report.size / 1024)} KB · ` },
        h('span', { class: `badge ${delivery?.status === 'delivered' ? 'ok' : delivery?.status === 'failed' ? 'error' : 'info'}`, text: deliveryText })),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `下载${title}`, onclick: async () => {
        try {
          const { blob } = await api(`/api/towns/${reports.town}/reports/${report.kind}/${report.period}?version=${report.version}`, { as: 'blob' });
          saveBlob(blob, file);
          say(status, `已下载：${title}`, 'ok');
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          say(status, explain(error), 'error');
        }
      } }, '下载 PDF'));
  });
  replace(main,
    h('h1', { text: '报表与审核' }),
    h('p', { class: 'hint', text: '每月报表在截止日的第二天自动生成；本镇需要审核时，审核通过后才送达县里。更正数据后会生成新的版本，须重新审核；旧版本仍可下载。' }),
    status,
    items.length ? h('ul', { class: 'reports' }, items) : h('p', { text: '还没有生成过报表。' }));
}
