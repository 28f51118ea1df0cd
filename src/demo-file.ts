import { packagePath } from './package-root.js';

/** The North Korea–Russia demo case, in Reckon's bundle format. */
export const DEMO_FILE = packagePath('demo', 'north-korea-russia.json');
