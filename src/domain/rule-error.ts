/** A command refused by a rule (src/domain/rules.ts), with the HTTP status it is answered with. */
export class RuleError extends Error {
  /**
   * `code` names the rule broken where a client may act on it (problem+json `type` ends with
   * it, e.g. `forecasting-closed`); without one the HTTP layer derives it from the status.
   * A 400 (code `validation`) is an input whose shape does not fit the question it is for
   * (a CDF with a bad step, probabilities that do not sum to 1).
   */
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    message: string,
    readonly pointer?: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}
