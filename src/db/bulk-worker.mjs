// The writing half of a bulk append on a `file:` database (see src/ledger/bulk-sink.ts). It owns
// its own connection and the ONE write transaction of the bulk append: the main thread decides,
// hashes and projects the events while this thread writes the previous chunk, so both cores
// work. Requests are served strictly in the order they arrive, so a read sees every write
// sent before it. After the first failure every later request fails with it; the main thread
// then ends the transaction with a rollback. Plain JavaScript: it must load without tsx.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'libsql';

/** Rows per multi-row INSERT statement of a large group. */
const BLOCK = 128;

const { path, timeoutMs, synchronous, cacheKiB, autocheckpointOff, rebuild } = workerData;
const whole = new Set(workerData.whole);

/** SQLite's limit on bound parameters is 32,766. */
const MAX_PARAMS = 32_000;

/** @type {import('libsql').Database | null} */
let db = null;
/** @type {unknown} */
let failure = null;
/** Prepared statements by SQL text (the bulk writes the same few shapes over and over). */
const cache = new Map();

/** Statements kept prepared, at most (the least recently used go first). */
const CACHE_SIZE = 200;

function prepared(sql) {
  let st = cache.get(sql);
  if (st) {
    cache.delete(sql);
  } else {
    st = db.prepare(sql);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value);
  }
  cache.set(sql, st);
  return st;
}

function insertSql(head, tuple, rows) {
  return head + (rows === 1 ? tuple : Array.from({ length: rows }, () => tuple).join(', '));
}

/**
 * Insert `values` (rows of `width` values, flat) in blocks of BLOCK rows, and the rest in
 * blocks of 64, 32, … 1 rows, so that every statement is prepared once per bulk append. The
 * rows of a table in `whole` go in one statement: a full-text index (claims) makes one
 * segment per statement, and it should get one per chunk, as before.
 */
function insertRows(table, head, tuple, width, values) {
  const rows = values.length / width;
  if (whole.has(table) && values.length <= MAX_PARAMS) {
    prepared(insertSql(head, tuple, rows)).run(values);
    return;
  }
  let at = 0;
  let left = rows;
  for (let block = BLOCK; left > 0; block >>= 1) {
    if (left < block) continue;
    const st = prepared(insertSql(head, tuple, block));
    const n = block * width;
    do {
      st.run(values.slice(at, at + n));
      at += n;
      left -= block;
    } while (left >= block);
  }
}

/**
 * Secondary indexes rebuilt rather than kept up row by row, per table (rebuild.tables): once
 * this bulk append has inserted `rebuild.rows` rows into the table, and at least as many as
 * it held before, its non-unique indexes are dropped; they are created again, from their own
 * SQL and in their order, before the commit (SQLite's DDL is transactional: a rollback
 * restores them). Sorting the keys once costs less than inserting each into a large index.
 * Only tables that nothing reads by such an index during a bulk append are listed.
 */
const rebuilding = new Map();
/** Rows inserted so far by this bulk append, per listed table not yet decided. */
const inserted = new Map();

function countRows(table) {
  return Number(db.prepare(`SELECT count(*) FROM "${table}"`).raw(true).get()[0]);
}

function noteInserted(table, rows) {
  const seen = inserted.get(table);
  if (!seen) return;
  seen.rows += rows;
  if (seen.rows < rebuild.rows) return;
  inserted.delete(table);
  if (seen.rows < countRows(table) - seen.rows) return;
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY rowid")
    .raw(true)
    .all(table)
    .filter(([, sql]) => !/^\s*CREATE\s+UNIQUE\b/i.test(sql));
  for (const [name] of indexes) db.exec(`DROP INDEX "${String(name).replace(/"/g, '""')}"`);
  rebuilding.set(table, indexes.map(([, sql]) => sql));
}

function rebuildIndexes() {
  if (rebuilding.size > 0) {
    // CREATE INDEX sorts in runs as large as the page cache, and libSQL keeps temporary files
    // in memory: sort in small runs, spilled to a file, so memory stays flat.
    db.exec(`PRAGMA cache_size = -${Math.min(cacheKiB, 8192)}`);
    db.exec('PRAGMA temp_store = FILE');
  }
  for (const [table, list] of rebuilding) {
    rebuilding.delete(table);
    for (const sql of list) db.exec(sql);
  }
}

function insertGroup(g) {
  insertRows(g.table, g.head, g.tuple, g.width, g.values);
  noteInserted(g.table, g.values.length / g.width);
}

function runStatement(sql, args) {
  const st = prepared(sql);
  if (st.reader) {
    st.raw(true);
    const columns = st.columns().map((c) => c.name);
    return { columns, rows: st.all(args) };
  }
  const info = st.run(args);
  return { columns: [], rows: [], rowsAffected: info.changes };
}

const handlers = {
  /** Rows grouped by table (in the order to insert them), statements in event order, then `after`'s rows. */
  write(m) {
    for (const g of m.groups) insertGroup(g);
    for (const s of m.statements) runStatement(s.sql, s.args);
    for (const g of m.after) insertGroup(g);
    return null;
  },
  exec(m) {
    return m.statements.map((s) => runStatement(s.sql, s.args));
  },
  end(m) {
    if (m.commit) {
      rebuildIndexes();
      db.exec('COMMIT');
    } else db.exec('ROLLBACK');
    return null;
  },
};

function serialise(err) {
  if (err && typeof err === 'object') return { message: String(err.message ?? err), code: err.code, rawCode: err.rawCode, name: err.name };
  return { message: String(err) };
}

function close() {
  cache.clear();
  if (db?.open) {
    try {
      if (db.inTransaction) db.exec('ROLLBACK');
    } catch {
      // The connection is closing anyway; SQLite rolls back an open transaction on close.
    }
    db.close();
  }
  db = null;
}

try {
  db = new Database(path, { timeout: timeoutMs });
  db.exec('PRAGMA foreign_keys = ON');
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  db.exec(`PRAGMA cache_size = -${cacheKiB}`);
  if (autocheckpointOff) db.exec('PRAGMA wal_autocheckpoint = 0');
  db.exec('BEGIN IMMEDIATE');
  for (const table of rebuild.tables) inserted.set(table, { rows: 0 });
  parentPort.postMessage({ id: 0, ok: true });
} catch (err) {
  failure = err;
  parentPort.postMessage({ id: 0, ok: false, error: serialise(err) });
}

parentPort.on('message', (m) => {
  if (m.op === 'close') {
    close();
    parentPort.close();
    return;
  }
  if (failure) {
    parentPort.postMessage({ id: m.id, ok: false, error: serialise(failure) });
    return;
  }
  try {
    const result = handlers[m.op](m);
    parentPort.postMessage({ id: m.id, ok: true, result });
  } catch (err) {
    failure = err;
    parentPort.postMessage({ id: m.id, ok: false, error: serialise(err) });
  }
});
