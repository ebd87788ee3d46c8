/** Small display formatters shared by the table and the detail view. */

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export function formatTime(ms: number): string {
  if (!ms) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The part of a pytest node id after `::`, which is what people recognise. */
export function shortTestId(testId: string | null): string {
  if (!testId) return '';
  const i = testId.indexOf('::');
  return i === -1 ? testId : testId.slice(i + 2);
}
