// Periods are months in China time (UTC+8), whatever the phone's own time zone.

export function chinaNow() {
  const shifted = new Date(Date.now() + 8 * 3600_000);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function format(year, month) {
  return `${year}-${String(month).padStart(2, '0')}`;
}

export function thisMonth() {
  const { year, month } = chinaNow();
  return format(year, month);
}

export function shift(period, months) {
  const [year, month] = period.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  return format(Math.floor(index / 12), (index % 12) + 1);
}

export function lastMonth() {
  return shift(thisMonth(), -1);
}

export function isPeriod(text) {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text || '');
}

export function label(period) {
  const [year, month] = period.split('-').map(Number);
  return `${year}年${month}月`;
}

export function dateLabel(isoDate) {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

export function timeLabel(isoTime) {
  const shifted = new Date(new Date(isoTime).getTime() + 8 * 3600_000);
  const two = (n) => String(n).padStart(2, '0');
  return `${shifted.getUTCFullYear()}-${two(shifted.getUTCMonth() + 1)}-${two(shifted.getUTCDate())} ${two(shifted.getUTCHours())}:${two(shifted.getUTCMinutes())}`;
}
