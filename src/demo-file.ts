import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The North Korea–Russia demo case, in Reckon's bundle format. */
export const DEMO_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../demo/north-korea-russia.json');
