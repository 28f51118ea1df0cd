/** Read-model samples for the exporter tests. */
import type { ExportClaim, ExportForecast } from '../../src/interop/read-model.js';

export const CLAIMS: ExportClaim[] = [
  {
    id: 'bridge-reopening',
    kind: 'allegation',
    title: 'Bridge reopening',
    statement: 'The mayor said the Riverside bridge will reopen in March, "without delay".',
    resolutionCriteria: 'Confirmed if the bridge reopens during March 2025,\nrefuted otherwise.',
    details: null,
    tags: ['transport', 'city'],
    checkBy: '2025-04-01',
    status: 'refuted',
    createdAt: '2025-01-20T10:00:00Z',
    resolution: { outcome: 'refuted', knownOn: '2025-04-01', note: 'Still closed on 1 April.' },
    stances: [
      { sourceId: 'old-mayor', sourceName: 'Old Mayor', sourceType: 'person', stance: 'asserts', date: '2025-01', retracted: true },
      { sourceId: 'city-hall', sourceName: 'City Hall', sourceType: 'government', stance: 'asserts', date: '2025-01-12', url: 'https://city.example.gov/news/1', retracted: false },
      { sourceId: 'local-gazette', sourceName: 'Local Gazette', sourceType: 'media', stance: 'denies', date: '2025-01-15', quote: null, retracted: false },
    ],
  },
  {
    id: 'river-clean',
    kind: 'allegation',
    title: 'River is clean',
    statement: 'The river is now safe for swimming.',
    resolutionCriteria: 'Confirmed by the environment agency bathing-water rating.',
    tags: [],
    status: 'confirmed',
    createdAt: '2025-02-01T09:00:00Z',
    resolution: { outcome: 'confirmed', knownOn: '2025-06-01T12:00:00Z' },
    stances: [{ sourceId: 'rivers-trust', sourceName: 'Rivers Trust', sourceType: 'organisation', stance: 'asserts', date: '2025-01-30', retracted: false }],
  },
  {
    id: 'boe-cut',
    kind: 'prediction',
    title: 'BoE cut',
    statement: 'Will the Bank of England cut rates in February 2025?',
    resolutionCriteria: 'MPC statement.',
    tags: ['economy'],
    deadline: '2025-02-06',
    status: 'confirmed',
    createdAt: '2025-01-01T00:00:00Z',
    resolution: { outcome: 'confirmed', knownOn: '2025-02-06' },
    stances: [],
  },
  {
    id: 'tunnel-sale',
    kind: 'allegation',
    title: 'Tunnel sale',
    statement: 'The tunnel was sold.',
    resolutionCriteria: 'Land registry.',
    tags: [],
    status: 'open',
    createdAt: '2025-03-01T00:00:00Z',
    resolution: null,
    stances: [],
  },
];

export const FORECASTS: ExportForecast[] = [
  { claimId: 'boe-cut', claimTitle: 'BoE cut', kind: 'prediction', sourceId: 'alice', sourceName: 'Alice, the "Owl"', probability: 0.7, madeAt: '2025-01-10T09:00:00Z', backfilled: false, retracted: false, status: 'confirmed', outcome: 1, resolvedOn: '2025-02-06' },
  { claimId: 'boe-cut', claimTitle: 'BoE cut', kind: 'prediction', sourceId: 'bob', sourceName: 'Bob', probability: 0.125, madeAt: '2025-01-12T13:30:00Z', backfilled: true, retracted: true, status: 'confirmed', outcome: 1, resolvedOn: '2025-02-06' },
  { claimId: 'eclipse', claimTitle: 'Eclipse\nvisible', kind: 'prediction', sourceId: 'carol', sourceName: 'Carol', probability: 0.4, madeAt: '2025-03-01T00:00:00Z', backfilled: false, retracted: false, status: 'open', outcome: null, resolvedOn: null },
];
