/**
 * The due feeds, read back by real parsers: Atom (RFC 4287) through fast-xml-parser with the
 * required elements checked, iCalendar (RFC 5545) through ical.js; RECKON_READ=token honoured.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { createToken } from '../../src/db/tokens.js';
import { escapeText, foldLine } from '../../src/domain/feeds/ics.js';
import { createApp } from '../../src/http/app.js';
import { Ledger } from '../../src/ledger/ledger.js';
import { freshDb } from '../helpers/db.js';
import { claim, post, prediction, source } from './fixtures.js';

const db = await freshDb();
const ledger = new Ledger(db);
const app = createApp({ db, ledger });
const locked = createApp({ db, ledger }, { auth: { read: 'token', loopback: true } });

const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
const tricky = 'Ceasefire; “holds”, \\ backslash, <b>&amp;</b>\nsecond line — a long title that goes on and on so that its content line needs folding in the calendar';
const overdue = await prediction(app, { deadline: '2021-03-01', title: tricky, resolutionCriteria: 'Yes if both sides say so; no otherwise, per the UN.' });
const dueSoon = await claim(app, { checkBy: soon, title: 'Check soon' });
const later = await prediction(app, { deadline: '2099-01-01', title: 'Far away' });
const resolvedId = await prediction(app, { deadline: '2020-01-01', title: 'Resolved one' });
const src = await source(app);
await post(app, `/api/claims/${later}/forecasts`, { sourceId: src, probability: 0.4 });
const resolution = await post(app, `/api/claims/${resolvedId}/resolution`, { outcome: 'refuted', knownOn: new Date().toISOString(), note: 'It did not happen.' });

async function get(a: typeof app, path: string) {
  const res = await a.request(`http://reckon.test${path}`);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe('GET /feeds/due.atom', () => {
  it('is well-formed Atom with every element RFC 4287 requires, and entries for overdue, becoming due and resolved claims', async () => {
    const res = await get(app, '/feeds/due.atom');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(res.text);
    const feed = doc.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const el of ['id', 'title', 'updated', 'author']) expect(feed[el], el).toBeDefined();
    expect(feed.author.name).toBe('Reckon');
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
    const entries = asArray<any>(feed.entry);
    for (const e of entries) {
      for (const el of ['id', 'title', 'updated', 'summary']) expect(e[el], el).toBeDefined();
      expect(e.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      expect(asArray<any>(e.link).some((l) => l['@rel'] === 'alternate' && /^http:\/\/reckon\.test\/claims\//.test(l['@href']))).toBe(true);
    }
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byTerm = (term: string) => entries.filter((e) => e.category['@term'] === term);
    expect(byTerm('overdue').map((e) => e.link['@href'])).toEqual([`http://reckon.test/claims/${overdue}`]);
    expect(byTerm('overdue')[0].title).toBe(`Needs resolution: ${tricky}`);
    expect(byTerm('due-soon').map((e) => e.link['@href'])).toEqual([`http://reckon.test/claims/${dueSoon}`]);
    expect(byTerm('resolved').map((e) => e.id)).toEqual([`http://reckon.test/api/events/${resolution.seq}`]);
    expect(ids.some((id) => id.includes(later))).toBe(false);
    // Newest first: the feed's updated is its newest entry's.
    expect(feed.updated).toBe(entries[0].updated);
    // The same state gives the same bytes (stable ids and dates; nothing depends on the time of the request).
    expect((await get(app, '/feeds/due.atom')).text).toBe(res.text);
  });
});

describe('GET /feeds/due.ics', () => {
  it('parses with ical.js: one all-day event per open claim with a due date, with UID, DTSTAMP, link and the text intact', async () => {
    const res = await get(app, '/feeds/due.ics');
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/calendar/);
    // CRLF line ends only, and no line over 75 octets.
    expect(res.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(res.text.endsWith('\r\n')).toBe(true);
    for (const line of res.text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const cal = new ICAL.Component(ICAL.parse(res.text));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    expect(cal.getFirstPropertyValue('prodid')).toBeTruthy();
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect([...byUid.keys()].sort()).toEqual([overdue, dueSoon, later].map((id) => `claim-${id}@reckon.test`).sort());
    const ev = byUid.get(`claim-${overdue}@reckon.test`)!;
    expect(ev.startDate.isDate).toBe(true);
    expect(ev.startDate.toString()).toBe('2021-03-01');
    expect(ev.endDate.toString()).toBe('2021-03-02');
    expect(ev.summary).toBe(`Deadline: ${tricky}`);
    expect(ev.description).toContain('Yes if both sides say so; no otherwise, per the UN.');
    expect(ev.component.getFirstPropertyValue('url')).toBe(`http://reckon.test/claims/${overdue}`);
    expect(ev.component.getFirstPropertyValue('dtstamp')).toBeTruthy();
    expect(byUid.get(`claim-${dueSoon}@reckon.test`)!.summary).toBe('Check by: Check soon');
  });

  it('folds at 75 octets without splitting a UTF-8 character, and escapes TEXT', () => {
    const line = `SUMMARY:${'é'.repeat(60)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(escapeText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });
});

describe('RECKON_READ=token', () => {
  it('answers 401 without a token, takes ?token= (calendar apps) or a bearer header, and never echoes the token', async () => {
    const { token } = await createToken(db.client, { name: 'calendar', sourceId: src, scope: 'write' });
    for (const path of ['/feeds/due.atom', '/feeds/due.ics']) {
      expect((await get(locked, path)).status).toBe(401);
      expect((await get(locked, `${path}?token=rk_000000000000_${'x'.repeat(43)}`)).status).toBe(401);
      const ok = await get(locked, `${path}?token=${encodeURIComponent(token)}`);
      expect(ok.status).toBe(200);
      expect(ok.text).not.toContain(token);
      const viaHeader = await locked.request(`http://reckon.test${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(viaHeader.status).toBe(200);
    }
  });
});
