// Every piece of text goes in as a text node: names and comments come from users (SPEC "Web app").

/** An element with attributes (class, id, for, …; `text` for its text; on* for listeners) and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') element.textContent = value;
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** A message in a live region: kind is ok, warn, error or info. */
export function say(region, text, kind = 'info') {
  region.className = `note ${kind}`;
  region.textContent = text;
  region.hidden = !text;
}

export function debounce(action, milliseconds) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => action(...args), milliseconds);
  };
}

/** Saves a fetched file: a plain link cannot send the bearer token, so the bytes come through fetch. */
export function saveBlob(blob, fileName) {
  const address = URL.createObjectURL(blob);
  const link = h('a', { href: address, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(address), 60_000);
  return address;
}
