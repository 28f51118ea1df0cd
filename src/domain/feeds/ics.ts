/**
 * iCalendar (RFC 5545) text for the due dates of open claims: one all-day VEVENT per claim.
 * Pure: the caller passes the events and the time stamp.
 *
 * What RFC 5545 asks and this follows: lines end in CRLF (§3.1); a content line longer than 75
 * octets is folded by CRLF + one space, never inside a UTF-8 sequence (§3.1); TEXT values escape
 * backslash, semicolon, comma and newline (§3.3.11); each VEVENT has UID and DTSTAMP (§3.6.1);
 * an all-day event is DTSTART;VALUE=DATE with DTEND the next day, exclusive (§3.6.1, §3.8.2.2).
 */

export interface DueEvent {
  /** Globally unique and stable across fetches, so a calendar updates the event rather than adding one. */
  uid: string;
  /** The day, YYYY-MM-DD (UTC). */
  day: string;
  summary: string;
  description: string;
  url: string;
  /** When the event's information last changed (an ISO instant): DTSTAMP and LAST-MODIFIED. */
  stamp: string;
}

/** RFC 5545 §3.3.11 TEXT: backslash first, then `;` `,` and newlines (CRLF, CR or LF → `\n`). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

const encoder = new TextEncoder();

/**
 * Fold one content line at 75 octets (RFC 5545 §3.1): continuation lines start with a space,
 * which counts towards their 75. Splits only between characters, never inside one.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > 75) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/** 2024-05-01T12:03:04.567Z → 20240501T120304Z (a UTC DATE-TIME, §3.3.5 form 2). */
export function icsDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** 2024-05-01 → 20240501 (DATE, §3.3.4). */
function icsDate(day: string): string {
  return day.replace(/-/g, '');
}

/** The day after `day` (YYYY-MM-DD), in UTC: DTEND of an all-day event is exclusive. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function vevent(e: DueEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `DTSTAMP:${icsDateTime(e.stamp)}`,
    `LAST-MODIFIED:${icsDateTime(e.stamp)}`,
    `DTSTART;VALUE=DATE:${icsDate(e.day)}`,
    `DTEND;VALUE=DATE:${icsDate(nextDay(e.day))}`,
    `SUMMARY:${escapeText(e.summary)}`,
    `DESCRIPTION:${escapeText(e.description)}`,
    `URL:${e.url}`,
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** A whole VCALENDAR: CRLF line ends (the last line too), folded lines. */
export function buildCalendar(opts: { name: string; events: DueEvent[] }): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Reckon//Due dates//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(opts.name)}`, ...opts.events.flatMap(vevent), 'END:VCALENDAR'];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
