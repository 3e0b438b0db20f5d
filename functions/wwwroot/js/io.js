import { api, ApiError, explain } from './api.js';
import { h, replace, saveBlob, say } from './dom.js';
import { isPeriod, label, lastMonth, shift } from './periods.js';
import { token } from './session.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 导入导出: the month's template and exports, and a filled spreadsheet checked (预检) then imported (导入). */
export function showImportExport(main, { me, period }) {
  const newest = lastMonth();
  let chosen = isPeriod(period) ? period : newest;
  const picker = h('select', { id: 'io-period' },
    Array.from({ length: 24 }, (_, i) => shift(newest, -i)).map((p) => h('option', { value: p, selected: p === chosen }, label(p))));
  picker.addEventListener('change', () => { chosen = picker.value; });

  const status = h('p', { role: 'status', hidden: true });
  const summary = h('div', { class: 'import-summary', 'aria-live': 'polite' });

  const download = (text, path, fileName) => h('button', { type: 'button', class: 'secondary', onclick: async () => {
    try {
      const { blob } = await api(path(), { as: 'blob' });
      saveBlob(blob, fileName());
      say(status, `已下载：${fileName()}`, 'ok');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      say(status, explain(error), 'error');
    }
  } }, text);
  const monthPath = (tail) => () => `/api/towns/${me.town}/periods/${chosen}/${tail}`;
  const year = () => chosen.slice(0, 4);

  const file = h('input', { id: 'io-file', type: 'file', accept: '.xlsx,.csv,text/csv,' + xlsxType });
  const reason = h('input', { id: 'io-reason', autocomplete: 'off', placeholder: '仅更正已锁定的月份时需要' });
  const send = async (dryRun) => {
    const chosenFile = file.files[0];
    if (!chosenFile) return say(status, '请先选择要导入的表格文件（.xlsx 或 .csv）。', 'error');
    const isCsv = /\.csv$/i.test(chosenFile.name) || chosenFile.type === 'text/csv';
    const query = new URLSearchParams();
    if (dryRun) query.set('dryRun', 'true');
    if (reason.value.trim()) query.set('reason', reason.value.trim());
    say(status, dryRun ? '正在预检…' : '正在导入…', 'info');
    replace(summary);
    let response;
    try {
      response = await fetch(`/api/towns/${me.town}/periods/${chosen}/imports?${query}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token()}`, 'Content-Type': isCsv ? 'text/csv' : xlsxType },
        body: chosenFile,
        cache: 'no-store',
      });
    } catch {
      return say(status, explain(new ApiError(0)), 'error');
    }
    if (!response.ok) {
      let problem = null;
      try { problem = await response.json(); } catch { /* not JSON: the status says enough */ }
      const error = new ApiError(response.status, problem);
      const details = Object.values(error.errors).flat();
      return say(status, [response.status === 415 ? '只能导入 .xlsx 或 .csv 表格。' : explain(error), ...details].join(' '), 'error');
    }
    const result = await response.json();
    say(status, result.dryRun
      ? `预检完成（${label(chosen)}，未写入）：请核对下面的结果，无误后点“导入”。`
      : `导入完成（${label(chosen)}）：已写入${result.created + result.updated}个单位。`, result.problems.length ? 'warn' : 'ok');
    showSummary(summary, result);
  };

  replace(main,
    h('h1', { text: '导入导出' }),
    h('div', { class: 'period-bar' }, h('label', { for: 'io-period', text: '月份' }), picker),
    status,
    h('h2', { text: '下载' }),
    h('div', { class: 'actions' },
      download('下载填报模板', monthPath('workbook'), () => `${me.town}-${chosen}-填报模板.xlsx`),
      download('导出本月（CSV）', monthPath('export.csv'), () => `${me.town}-${chosen}.csv`),
      download('导出本月（Excel）', monthPath('export.xlsx'), () => `${me.town}-${chosen}.xlsx`),
      download('导出全年（CSV）', () => `/api/towns/${me.town}/years/${year()}/export.csv`, () => `${me.town}-${year()}.csv`)),
    h('h2', { text: '导入' }),
    h('p', { class: 'hint', text: '在模板里填好各村数字后上传。先点“预检”查看将写入的内容和问题，确认无误再点“导入”。留空的格子不会改动已有数字。' }),
    h('div', { class: 'field wide' }, h('label', { for: 'io-file', text: '选择表格文件' }), file),
    h('div', { class: 'field wide' }, h('label', { for: 'io-reason', text: '更正原因' }), reason),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary', onclick: () => send(true) }, '预检'),
      h('button', { type: 'button', onclick: () => send(false) }, '导入')),
    summary);
}

function showSummary(region, result) {
  const counts = [['新填', result.created], ['更新', result.updated], ['无变化', result.unchanged], ['空白', result.empty], ['被拒绝', result.refused]];
  replace(region,
    h('h2', { text: result.dryRun ? '预检结果' : '导入结果' }),
    h('ul', { class: 'counts' }, counts.map(([name, count]) => h('li', { text: `${name}：${count}` }))),
    result.problems.length
      ? h('ul', { class: 'problems' }, result.problems.map((p) => h('li', {},
        h('strong', { text: p.cell || '—' }), ` ${p.unit || ''}${p.element ? ` ${p.element}` : ''}：`, p.message)))
      : h('p', { class: 'hint', text: '没有发现问题。' }));
}
