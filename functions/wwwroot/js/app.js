import { h, replace, say } from './dom.js';
import { go } from './nav.js';
import { caller, chooseTown, signIn, signOut, takeTokenFromAddress, token, tokenFrom } from './session.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const signOutButton = document.getElementById('sign-out');

// The town office's screens.
const officeScreens = [
  { path: '/office', name: '总览', roles: ['town', 'county', 'admin'] },
  { path: '/fill', name: '填报', roles: ['town'] },
  { path: '/office/tokens', name: '登录链接', roles: ['town', 'admin'] },
  { path: '/office/targets', name: '年度目标', roles: ['town', 'admin'] },
  { path: '/office/reports', name: '报表与审核', roles: ['town', 'county', 'admin'] },
  { path: '/office/reminders', name: '催报', roles: ['town', 'admin'] },
  { path: '/office/io', name: '导入导出', roles: ['town', 'admin'] },
];


function render() {
  const me = token() ? caller() : null;
  signOutButton.hidden = !me;
  if (!me) {
    nav.hidden = true;
    who.textContent = '';
    showSignIn();
    return;
  }
  const path = location.pathname.replace(/\/+$/, '') || '/';
  drawNav(me, path);
  // Each visit draws into a view of its own: a screen still loading when the person moves on draws into a
  // detached view, never over the next screen.
  const view = h('div', { class: 'view' });
  replace(main, view);
  route(me, path, view).catch((error) => {
    replace(view, h('p', { class: 'note error', role: 'alert', text: `页面加载失败：${error.message}` }));
  });
}

async function route(me, path, main) {
  const parts = path.split('/').filter(Boolean);
  if (me.role === 'village' || (parts[0] === 'fill')) {
    const { showForm } = await import('./form.js');
    const unit = me.role === 'village' ? me.unit : (parts[1] || me.unit);
    if (!unit) return go('/office');
    return showForm(main, { unit, period: parts[2], me, who });
  }
  if (!me.town) return showTownPicker(me, main);
  who.textContent = '';
  const office = await import('./office.js');
  switch (parts[1]) {
    case 'unit': return office.showUnit(main, { me, unit: parts[2], period: parts[3] });
    case 'tokens': return office.showTokens(main, { me });
    case 'targets': return office.showTargets(main, { me, year: parts[2] });
    case 'reports': return office.showReports(main, { me });
    case 'reminders': return (await import('./reminders.js')).showReminders(main, { me });
    case 'io': return (await import('./io.js')).showImportExport(main, { me, period: parts[2] });
    default: return office.showGrid(main, { me, who });
  }
}

function drawNav(me, path) {
  if (me.role === 'village') {
    nav.hidden = true;
    return;
  }
  nav.hidden = false;
  const items = officeScreens.filter((s) => s.roles.includes(me.role)).map((screen) => {
    if (!screen.path) return h('button', { type: 'button', disabled: true, title: '即将推出' }, screen.name);
    const current = screen.path === '/office' ? path === '/office' || path === '/' || path.startsWith('/office/unit') : path.startsWith(screen.path);
    return h('a', { href: screen.path, 'aria-current': current ? 'page' : null }, screen.name);
  });
  if (me.role !== 'town') items.push(h('a', { href: '/town', class: 'town-switch' }, '切换镇'));
  replace(nav, ...items);
}

function showTownPicker(me, main) {
  const message = h('p', { role: 'alert', hidden: true });
  const input = h('input', { id: 'town-code', inputmode: 'numeric', autocomplete: 'off', maxlength: 12, value: me.town || '' });
  const form = h('form', { class: 'card narrow' },
    h('h1', { text: '选择乡镇' }),
    h('p', { text: me.role === 'admin' ? '管理员登录：请输入要查看的乡镇的12位统计区划代码。' : '县级登录：请输入本县一个乡镇的12位统计区划代码。' }),
    h('label', { for: 'town-code', text: '乡镇代码' }), input, message,
    h('button', { type: 'submit' }, '打开'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const code = input.value.trim();
    if (!/^\d{9}000$/.test(code) || code.endsWith('000000')) {
      say(message, '乡镇代码是12位数字，以000结尾（但不是000000）。', 'error');
      return;
    }
    chooseTown(code);
    go('/office');
  });
  replace(main, form);
  input.focus();
}

function showSignIn() {
  const message = h('p', { role: 'alert', hidden: true });
  const input = h('input', { id: 'sign-in-link', autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false' });
  const form = h('form', { class: 'card narrow' },
    h('h1', { text: '请先登录' }),
    h('p', { text: '请用手机扫描镇政府发放的登录卡上的二维码，或点开登录卡上的链接，即可直接进入本村的填报页面。' }),
    h('p', { text: '也可以把登录链接粘贴在下面：' }),
    h('label', { for: 'sign-in-link', text: '登录链接或令牌' }), input, message,
    h('button', { type: 'submit' }, '登录'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = tokenFrom(input.value);
    if (!value) {
      say(message, '这不是有效的登录链接，请检查是否复制完整。', 'error');
      return;
    }
    signIn(value);
    go('/');
  });
  replace(main, form);
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href^="/"]');
  if (!link || link.hasAttribute('download') || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  if (link.getAttribute('href') === '/town') {
    localStorage.removeItem('vr.town');
    return go('/office');
  }
  go(link.getAttribute('href'));
});

signOutButton.addEventListener('click', () => {
  signOut();
  go('/');
});

window.addEventListener('popstate', render);
window.addEventListener('vr:navigate', render);
window.addEventListener('hashchange', () => {
  if (takeTokenFromAddress()) render();
});

takeTokenFromAddress();
render();
