import { createRoute, z } from '@hono/zod-openapi';
import { makeCheckpoint } from '../../ledger/checkpoint.js';
import type { AppDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { jsonResponse, problems, READ_ERRORS, type App } from '../openapi.js';

const Checkpoint = z
  .object({
    seq: z.number().int().openapi({ description: 'Sequence number of the head (0 for an empty ledger).' }),
    hash: z.string().openapi({ description: 'Hash of the head event.' }),
    at: z.string().openapi({ description: 'When the checkpoint was signed.' }),
    algorithm: z.literal('Ed25519'),
    signature: z.string().openapi({ description: 'Base64 Ed25519 signature over the RFC 8785 canonical JSON of { seq, hash, at }.' }),
    publicKey: z.string().openapi({ description: 'The signing public key (SPKI PEM), for convenience: verify against the key you trust.' }),
  })
  .openapi('Checkpoint');

const checkpointRoute = createRoute({
  method: 'get',
  path: '/api/checkpoint',
  operationId: 'getCheckpoint',
  summary: 'A signed checkpoint of the ledger head',
  description: 'Publish it elsewhere: `reckon verify --expect CHECKPOINT` later proves the ledger still holds that head at that sequence number, so truncation and wholesale rewrites are caught.',
  tags: ['Ledger'],
  responses: { 200: jsonResponse(Checkpoint, 'The checkpoint'), ...problems(...READ_ERRORS, 503) },
});

const keyRoute = createRoute({
  method: 'get',
  path: '/api/checkpoint/key',
  operationId: 'getCheckpointKey',
  summary: 'The public key that signs checkpoints',
  tags: ['Ledger'],
  responses: { 200: jsonResponse(z.object({ algorithm: z.literal('Ed25519'), publicKey: z.string() }).openapi('CheckpointKey'), 'The key'), ...problems(...READ_ERRORS, 503) },
});

export function registerCheckpointRoutes(app: App, deps: AppDeps): void {
  const key = () => {
    if (!deps.signingKey) throw new ApiError(503, 'no-signing-key', 'This server has no signing key configured.');
    return deps.signingKey;
  };
  app.openapi(checkpointRoute, async (c) => c.json(await makeCheckpoint(deps.db.client, key()), 200));
  app.openapi(keyRoute, (c) => c.json({ algorithm: 'Ed25519' as const, publicKey: key().publicKeyPem }, 200));
}
