import { createInterface } from 'node:readline/promises';

/** Ask for each missing value on the terminal; only when stdin is a TTY. */
export async function promptMissing(values: Record<string, string | undefined>, questions: Record<string, string>): Promise<Record<string, string | undefined>> {
  const missing = Object.keys(questions).filter((k) => !values[k]);
  if (missing.length === 0 || !process.stdin.isTTY) return values;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const filled = { ...values };
    for (const key of missing) filled[key] = (await rl.question(`${questions[key]}: `)).trim() || undefined;
    return filled;
  } finally {
    rl.close();
  }
}
