import { api, ApiError, catalog, explain } from './api.js';
import { debounce, h, replace, say } from './dom.js';
import { go } from './nav.js';
import { dateLabel, isPeriod, label, lastMonth, shift, thisMonth, timeLabel } from './periods.js';

let leaving = new AbortController();

/**
 * The figures of one unit for one month (SPEC "Web app", 填报): the unit's elements by section, each with last
 * month's value, checked here as typed and by the server's dry run; a draft always kept on the phone.
 */
export async function showForm(main, { unit, period, me, who, heading, pathFor = (p) => `/fill/${unit}/${p}` }) {
  leaving.abort();
  leaving = new AbortController();
  const signal = leaving.signal;
  period = isPeriod(period) ? period : lastMonth();
  replace(main, h('p', { class: 'loading', text: '正在加载…' }));

  let elementsCatalog, form;
  try {
    [elementsCatalog, form] = await Promise.all([catalog(), loadForm(unit, period)]);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    replace(main, h('h1', { text: `${label(period)}填报` }), h('p', { class: 'note error', role: 'alert', text: explain(error) }));
    return;
  }
  if (signal.aborted) return;
  if (who) who.textContent = form.name;

  const page = new FormPage(main, { unit, period, me, heading, pathFor, catalog: elementsCatalog, form, signal });
  page.draw();
}

async function loadForm(unit, period) {
  const { data, etag } = await api(`/api/units/${unit}/form/${period}`);
  return { ...data, etag };
}

function draftKey(unit, period) {
  return `vr.draft.${unit}.${period}`;
}

/** Full-width digits and separators, as Chinese keyboards type them, read as plain ones. */
function normalize(raw) {
  return raw.replace(/[\uFF0D\uFF0E\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).replace(/[\s,，]/g, '');
}

/** The catalog's checks (type, decimals, min/max): { value } or { error }; an empty field is not reported. */
export function check(element, raw) {
  const text = normalize(raw);
  if (text === '') return { value: undefined };
  const integer = element.type === 'integer';
  if (!(integer ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(text)) {
    return { error: integer ? `请填写整数（单位：${element.unit}）` : `请填写数字（单位：${element.unit}）` };
  }
  const decimals = (text.split('.')[1] || '').length;
  if (!integer && decimals > element.decimals) return { error: `最多保留${element.decimals}位小数` };
  const value = Number(text);
  if (value < element.min || value > element.max) return { error: `应在${element.min}至${element.max}${element.unit}之间` };
  return { value };
}

function shown(value) {
  return value === undefined || value === null ? '' : String(value);
}

class FormPage {
  constructor(main, options) {
    Object.assign(this, options);
    this.main = main;
    this.level = this.form.level;
    this.elements = this.catalog.elements.filter((e) => e.reportedBy === this.level);
    this.fields = new Map();
    this.dryRunSequence = 0;
    this.retryTimer = null;
    // The town office and the admin may amend a locked month, with a reason; a village may not.
    this.acting = this.me.role === 'town' || this.me.role === 'admin';
    this.dryRun = debounce(() => this.runDryRun(), 700);
  }

  get current() { return this.form.current; }
  get locked() { return this.form.state === 'locked'; }
  get readOnly() { return (this.locked && !this.acting) || this.form.state === 'future' || this.me.role === 'county'; }

  draw() {
    const { form } = this;
    this.status = h('p', { id: 'form-status', role: 'status', hidden: true });
    this.conflict = h('section', { class: 'conflict', hidden: true, 'aria-live': 'polite' });
    this.comment = h('textarea', { id: 'comment', rows: 2, maxlength: 500 });
    this.reason = h('textarea', { id: 'reason', rows: 2, maxlength: 500, 'aria-describedby': 'm-reason' });
    this.reasonMessage = h('p', { class: 'msg', id: 'm-reason', hidden: true });
    this.submit = h('button', { type: 'submit' }, '提交');
    this.saveDraft = h('button', { type: 'button', class: 'secondary', onclick: () => this.keepDraft(true) }, '保存草稿');

    const sections = this.catalog.sections.map((section) => {
      const elements = this.elements.filter((e) => e.section === section.code);
      if (elements.length === 0) return null;
      return h('fieldset', {}, h('legend', { text: section.name }), elements.map((e) => this.field(e)));
    });

    const formElement = h('form', { id: 'figures', novalidate: true },
      sections,
      h('div', { class: 'field wide' }, h('label', { for: 'comment', text: '备注（可不填）' }), this.comment),
      h('div', { class: 'field wide', hidden: !(this.locked && this.acting) },
        h('label', { for: 'reason', text: '更正原因（本月已锁定，必填）' }), this.reason, this.reasonMessage),
      this.conflict,
      // The answer to 提交 shows in the bar that stays at the foot of the screen, where the clerk's eyes are.
      h('div', { class: 'actions bar' }, this.status, this.readOnly ? null : [this.submit, this.saveDraft]));
    formElement.addEventListener('submit', (event) => {
      event.preventDefault();
      this.send();
    });
    formElement.addEventListener('input', (event) => this.changed(event.target));

    const periods = new Set([thisMonth()]);
    for (let i = 1; i <= 12; i++) periods.add(shift(thisMonth(), -i));
    periods.add(this.period);
    const picker = h('select', { id: 'period' }, [...periods].sort().reverse().map((p) =>
      h('option', { value: p, selected: p === this.period }, label(p))));
    picker.addEventListener('change', () => go(this.pathFor(picker.value)));

    this.revisions = h('details', { class: 'revisions' }, h('summary', { text: '修改记录' }), h('div'));
    this.revisions.addEventListener('toggle', () => this.revisions.open && this.loadRevisions());

    replace(this.main,
      h('h1', { text: this.heading || `${form.name} · ${label(this.period)}填报` }),
      h('div', { class: 'period-bar' }, h('label', { for: 'period', text: '月份' }), picker),
      this.stateLine(),
      this.currentLine(),
      formElement,
      this.revisions);

    this.fill(this.current?.values || {});
    this.comment.value = this.current?.comment || '';
    this.restoreDraft();
    window.addEventListener('online', () => this.sendPending(), { signal: this.signal });
    this.signal.addEventListener('abort', () => clearTimeout(this.retryTimer));
  }

  stateLine() {
    const due = dateLabel(this.form.dueDate);
    const [text, kind] = {
      open: [`截止日期：${due}。现在可以填报。`, 'ok'],
      late: [`截止日期 ${due} 已过。现在提交记为迟报。`, 'warn'],
      locked: [this.acting ? '本月报表已生成并锁定。更正须填写原因，报表将重新生成。' : '本月报表已生成并锁定，如需更正请联系镇办', 'error'],
      future: ['这个月份还没有开始，不能填报。', 'info'],
    }[this.form.state] || [`截止日期：${due}`, 'info'];
    return h('p', { class: `state ${kind}`, id: 'period-state' }, h('strong', { text: { open: '可填报', late: '已逾期', locked: '已锁定', future: '未开始' }[this.form.state] || '' }), ' ', text);
  }

  currentLine() {
    this.currentInfo = h('p', { class: 'current-info' });
    this.showCurrentInfo();
    return this.currentInfo;
  }

  showCurrentInfo() {
    const c = this.current;
    this.currentInfo.textContent = c
      ? `已提交第${c.revision}版（${timeLabel(c.submittedAt)}${c.late ? '，迟报' : ''}）。`
      : '本月尚未提交。空着的项目表示“未报”，不是0。';
  }

  field(element) {
    const id = `v-${element.code}`;
    const previous = this.form.previous?.values?.[element.code];
    const input = h('input', {
      id, name: element.code, type: 'text', autocomplete: 'off',
      inputmode: element.type === 'integer' ? 'numeric' : 'decimal',
      enterkeyhint: 'next', readonly: this.readOnly,
      'aria-describedby': `p-${element.code} m-${element.code}`,
    });
    const message = h('p', { class: 'msg', id: `m-${element.code}`, hidden: true });
    const row = h('div', { class: 'field' },
      h('label', { for: id }, element.name),
      h('span', { class: 'entry' }, input, h('span', { class: 'unit', text: element.unit })),
      h('p', { class: 'prev', id: `p-${element.code}`, text: previous === undefined ? '上月：未报' : `上月：${previous}` }),
      message);
    this.fields.set(element.code, { element, input, message, client: null, server: null, warning: null });
    return row;
  }

  fill(values) {
    for (const [code, field] of this.fields) field.input.value = shown(values[code]);
  }

  showMessage(field) {
    const text = field.client || field.server || field.warning;
    field.message.hidden = !text;
    field.message.textContent = text || '';
    field.message.className = `msg ${field.client || field.server ? 'error' : 'warn'}`;
    field.input.setAttribute('aria-invalid', field.client || field.server ? 'true' : 'false');
  }

  changed(target) {
    const field = this.fields.get(target.name);
    if (field) {
      field.client = check(field.element, field.input.value).error || null;
      field.server = null;
      field.warning = null;
      this.showMessage(field);
    }
    this.keepDraft(false);
    if (!this.readOnly) this.dryRun();
  }

  /** Every field's value as the API takes it; checks each field and shows what is wrong beside it. */
  collect() {
    const values = {};
    let invalid = null;
    for (const [code, field] of this.fields) {
      const outcome = check(field.element, field.input.value);
      field.client = outcome.error || null;
      this.showMessage(field);
      if (outcome.error) invalid ??= field;
      else if (outcome.value !== undefined) values[code] = outcome.value;
    }
    return { values, invalid };
  }

  body(values) {
    const body = { values };
    if (this.comment.value.trim()) body.comment = this.comment.value.trim();
    if (this.reason.value.trim()) body.reason = this.reason.value.trim();
    return body;
  }

  // ---- drafts: always on the phone, per unit and month ----

  draftFields() {
    const values = {};
    for (const [code, field] of this.fields) if (field.input.value.trim() !== '') values[code] = field.input.value;
    return values;
  }

  // A draft waiting to be sent stays waiting when the clerk types on: the next send takes the newest values.
  keepDraft(announce, pending = this.readDraft()?.pending ?? false) {
    const draft = {
      values: this.draftFields(), comment: this.comment.value, reason: this.reason.value,
      base: this.current?.revision ?? null, savedAt: new Date().toISOString(), pending,
    };
    localStorage.setItem(draftKey(this.unit, this.period), JSON.stringify(draft));
    if (announce) say(this.status, `草稿已保存在这部手机上（${timeLabel(draft.savedAt)}），还没有提交。`, 'info');
  }

  readDraft() {
    try { return JSON.parse(localStorage.getItem(draftKey(this.unit, this.period))); } catch { return null; }
  }

  dropDraft() {
    localStorage.removeItem(draftKey(this.unit, this.period));
  }

  restoreDraft() {
    const draft = this.readDraft();
    if (!draft) return;
    const server = this.current?.values || {};
    const differs = Object.keys({ ...server, ...draft.values }).some((code) => normalize(shown(draft.values[code])) !== shown(server[code]))
      || (draft.comment || '') !== (this.current?.comment || '');
    if (!differs && !draft.pending) {
      this.dropDraft();
      return;
    }
    for (const [code, field] of this.fields) field.input.value = draft.values[code] ?? '';
    this.comment.value = draft.comment || '';
    this.reason.value = draft.reason || '';
    if (draft.pending && navigator.onLine) {
      this.send();
      return;
    }
    const discard = h('button', { type: 'button', class: 'quiet', onclick: () => this.discardDraft() }, '放弃草稿');
    replace(this.status, `已恢复这部手机上的草稿（保存于${timeLabel(draft.savedAt)}），还没有提交。`, ' ', discard);
    this.status.className = 'note info';
    this.status.hidden = false;
  }

  discardDraft() {
    this.dropDraft();
    this.fill(this.current?.values || {});
    this.comment.value = this.current?.comment || '';
    for (const field of this.fields.values()) {
      field.client = field.server = field.warning = null;
      this.showMessage(field);
    }
    say(this.status, '草稿已放弃，显示的是已提交的数值。', 'info');
  }

  sendPending() {
    if (this.readDraft()?.pending) this.send();
  }

  // ---- the server: dry run, then the real thing ----

  async runDryRun() {
    if (!navigator.onLine || this.signal.aborted) return;
    const sequence = ++this.dryRunSequence;
    const values = {};
    for (const [code, field] of this.fields) {
      const outcome = check(field.element, field.input.value);
      if (!outcome.error && outcome.value !== undefined) values[code] = outcome.value;
    }
    try {
      const { data } = await api(`/api/units/${this.unit}/submissions/${this.period}?dryRun=true`, { method: 'PUT', body: this.body(values) });
      if (sequence !== this.dryRunSequence) return;
      this.showServerFindings({}, data.warnings);
    } catch (error) {
      if (sequence !== this.dryRunSequence || !(error instanceof ApiError)) return;
      if (error.status === 400) this.showServerFindings(error.errors, [], true);
      else if (error.status === 409 && error.slug === 'period-locked' && !this.acting) this.lockedNow();
    }
  }

  showServerFindings(errors, warnings, dryRun = false) {
    for (const field of this.fields.values()) {
      field.server = errors[field.element.code]?.join('；') || null;
      field.warning = null;
    }
    for (const warning of warnings || []) {
      const field = this.fields.get(warning.element);
      if (field) field.warning = `请核对：${warning.message}`;
    }
    for (const field of this.fields.values()) this.showMessage(field);
    const reasonError = dryRun ? null : errors.reason?.join('；');
    this.reasonMessage.hidden = !reasonError;
    this.reasonMessage.className = 'msg error';
    this.reasonMessage.textContent = reasonError || '';
    this.reason.setAttribute('aria-invalid', reasonError ? 'true' : 'false');
    const others = Object.entries(errors).filter(([key]) => !this.fields.has(key) && key !== 'reason');
    return others.map(([, messages]) => messages.join('；'));
  }

  lockedNow() {
    this.form.state = 'locked';
    const line = this.main.querySelector('#period-state');
    if (line) line.replaceWith(this.stateLine());
  }

  async send() {
    if (this.sending || this.readOnly) return;
    const { values, invalid } = this.collect();
    if (invalid) {
      say(this.status, '有项目填写有误，请按提示修改后再提交。', 'error');
      invalid.input.focus();
      return;
    }
    if (!navigator.onLine) {
      this.offline();
      return;
    }
    this.sending = true;
    this.submit.disabled = true;
    this.dryRunSequence++;
    say(this.status, '正在提交…', 'info');
    clearTimeout(this.retryTimer);
    try {
      const base = this.current ? `"${this.current.revision}"` : undefined;
      const { status, data } = await api(`/api/units/${this.unit}/submissions/${this.period}`, { method: 'PUT', body: this.body(values), ifMatch: base });
      this.dropDraft();
      const unchanged = this.current && data.revision === this.current.revision;
      this.form.current = { revision: data.revision, values, comment: this.body(values).comment ?? null, submittedAt: new Date().toISOString(), late: data.late };
      this.showServerFindings({}, data.warnings);
      this.conflict.hidden = true;
      this.showCurrentInfo();
      const warned = data.warnings.length ? `有${data.warnings.length}项与上月相差较大，请核对标出的项目。` : '';
      say(this.status, unchanged
        ? `数据没有变化，仍是第${data.revision}版。`
        : `${status === 201 ? '提交成功' : '更新成功'}：第${data.revision}版${data.late ? '（迟报）' : ''}。${warned}`, warned ? 'warn' : 'ok');
      if (this.revisions.open) this.loadRevisions();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      this.refused(error, values);
    } finally {
      this.sending = false;
      this.submit.disabled = false;
    }
  }

  offline() {
    this.keepDraft(false, true);
    say(this.status, '现在没有网络：草稿已保存在这部手机上，恢复网络后会自动提交。', 'warn');
  }

  async refused(error, values) {
    if (error.offline) return this.offline();
    if (error.status === 503) {
      this.keepDraft(false, true);
      say(this.status, '服务器暂时无法保存，数据已保存在手机上，稍后自动重试', 'warn');
      const seconds = Math.min(Math.max(error.retryAfter || 15, 5), 60);
      this.retryTimer = setTimeout(() => this.sendPending(), seconds * 1000);
      return;
    }
    this.keepDraft(false, false);
    if (error.status === 400) {
      const others = this.showServerFindings(error.errors, []);
      say(this.status, ['没有提交：请按标出的提示修改。', ...others].join(' '), 'error');
      const first = [...this.fields.values()].find((f) => f.server) ;
      (first?.input || (error.errors.reason ? this.reason : null))?.focus();
      return;
    }
    if (error.status === 409 && error.slug === 'period-locked') {
      this.lockedNow();
      say(this.status, this.acting ? '本月已锁定，更正须填写原因。' : '本月报表已生成并锁定，如需更正请联系镇办', 'error');
      return;
    }
    if (error.status === 412) return this.stale(values);
    say(this.status, explain(error), 'error');
  }

  /** Someone else saved meanwhile: take their revision as the base and show where theirs and ours differ. */
  async stale(mine) {
    let fresh;
    try {
      fresh = await loadForm(this.unit, this.period);
    } catch (error) {
      say(this.status, `数据已被他人修改，但重新加载失败：${explain(error)}`, 'error');
      return;
    }
    this.form = fresh;
    this.showCurrentInfo();
    const theirs = fresh.current?.values || {};
    const rows = this.elements
      .filter((e) => shown(mine[e.code]) !== shown(theirs[e.code]))
      .map((e) => h('tr', {}, h('th', { scope: 'row', text: e.name }), h('td', { text: shown(mine[e.code]) || '未报' }), h('td', { text: shown(theirs[e.code]) || '未报' })));
    replace(this.conflict,
      h('h2', { text: '数据已被他人修改' }),
      h('p', { text: fresh.current ? `您填写期间，本月数据已被更新为第${fresh.current.revision}版。不同之处：` : '您填写期间，本月数据已被更改。' }),
      rows.length ? h('table', { class: 'diff' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: '项目' }), h('th', { scope: 'col', text: '您填写的' }), h('th', { scope: 'col', text: '现在的' }))), h('tbody', {}, rows))
        : h('p', { text: '数值相同。' }),
      h('p', { text: '再点“提交”将以您填写的数值为准；也可以改用现在的数值。' }),
      h('button', { type: 'button', class: 'secondary', onclick: () => this.takeTheirs() }, '改用现在的数值'));
    this.conflict.hidden = false;
    say(this.status, '数据已被他人修改', 'error');
    this.conflict.scrollIntoView({ block: 'nearest' });
  }

  takeTheirs() {
    this.fill(this.current?.values || {});
    this.comment.value = this.current?.comment || '';
    this.dropDraft();
    this.conflict.hidden = true;
    say(this.status, `已改用现在的数值（第${this.current?.revision}版）。`, 'info');
  }

  async loadRevisions() {
    const list = this.revisions.lastElementChild;
    replace(list, h('p', { text: '正在加载…' }));
    try {
      const { data } = await api(`/api/units/${this.unit}/submissions/${this.period}/revisions`);
      replace(list, revisionList(data.revisions, this.elements, this.unit));
    } catch (error) {
      replace(list, h('p', { text: error.status === 404 ? '本月还没有提交记录。' : explain(error) }));
    }
  }
}

function revisionList(revisions, elements, unit) {
  if (revisions.length === 0) return h('p', { text: '本月还没有提交记录。' });
  const names = new Map(elements.map((e) => [e.code, e.name]));
  const by = (who) => (who === unit ? '本单位' : who === 'admin' ? '管理员' : /000$/.test(who) ? '镇办' : who);
  const items = revisions.map((revision, index) => {
    const before = index > 0 ? revisions[index - 1].values : {};
    const changes = Object.keys({ ...before, ...revision.values })
      .filter((code) => shown(before[code]) !== shown(revision.values[code]))
      .map((code) => `${names.get(code) || code} ${shown(before[code]) || '未报'}→${shown(revision.values[code]) || '未报'}`);
    return h('li', {},
      h('p', {}, h('strong', { text: `第${revision.revision}版` }), ` ${timeLabel(revision.submittedAt)} · ${by(revision.submittedBy)}${revision.late ? ' · 迟报' : ''}`),
      revision.reason ? h('p', { text: `更正原因：${revision.reason}` }) : null,
      revision.comment ? h('p', { text: `备注：${revision.comment}` }) : null,
      h('p', { class: 'changes', text: index === 0 ? `首次提交，共${Object.keys(revision.values).length}项。` : changes.length ? `改动：${changes.join('；')}` : '数值未改动。' }));
  });
  return h('ol', { class: 'revision-list', reversed: true }, items.reverse());
}
