/** RFC 4180 CSV writing: CRLF line ends, fields quoted only when they must be. */

export type CsvValue = string | number | boolean | null | undefined;

/** One field: quoted when it holds a comma, quote, CR or LF (quotes doubled); null → empty. */
export function formatCsvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, terminated by CRLF. */
export function formatCsvLine(values: readonly CsvValue[]): string {
  return `${values.map(formatCsvField).join(',')}\r\n`;
}
