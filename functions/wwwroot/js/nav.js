// Modules import only downwards (each file's version hash depends on what it imports), so screens move to another
// address through this event rather than by importing the app.
export function go(path) {
  history.pushState(null, '', path);
  window.dispatchEvent(new Event('vr:navigate'));
}
