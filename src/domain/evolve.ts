import type { ClaimState } from './rules.js';
import type { EventBody } from './types.js';
import { questionOf } from './questions/question.js';

/**
 * The state a claim's rules need, folded from its events in sequence order. Used by the
 * ledger to keep decisions within one transaction consistent, and by "as of" replay.
 */
export function evolveClaim(state: ClaimState | null, e: EventBody): ClaimState | null {
  switch (e.type) {
    case 'claim.created': {
      const p = e.payload;
      return {
        id: p.id,
        kind: p.kind,
        status: 'open',
        title: p.title,
        statement: p.statement,
        resolutionCriteria: p.resolutionCriteria,
        details: p.details ?? null,
        tags: p.tags,
        deadline: p.deadline ?? null,
        checkBy: p.checkBy ?? null,
        revision: 1,
        knownOn: null,
        question: questionOf(p),
      };
    }
    case 'claim.edited': {
      if (!state) return state;
      const c = e.payload.changes;
      const next: ClaimState = { ...state, revision: e.payload.revision };
      for (const [k, v] of Object.entries(c)) Object.assign(next, { [k]: v ?? null });
      return next;
    }
    case 'claim.resolved':
      return state && { ...state, status: e.payload.outcome, knownOn: e.payload.knownOn };
    case 'claim.reopened':
      return state && { ...state, status: 'open', knownOn: null };
    default:
      return state;
  }
}
