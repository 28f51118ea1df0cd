/** A command refused by a rule (src/domain/rules.ts), with the HTTP status it is answered with. */
export class RuleError extends Error {
  /**
   * `code` names the rule broken where a client may act on it (problem+json `type` ends with
   * it, e.g. `forecasting-closed`); without one the HTTP layer derives it from the status.
   * A 400 (code `validation`) is an input whose shape does not fit the question it is for
   * (a CDF with a bad step, probabilities that do not sum to 1).
   * `fields` names every bad field when there are several (house rule: name each field, e.g.
   * each bad point of a CDF); without it the one field is `pointer`.
   */
  constructor(
    readonly status: 400 | 404 | 409 | 422,
    message: string,
    readonly pointer?: string,
    readonly code?: string,
    readonly fields?: ReadonlyArray<{ pointer: string; message: string }>,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

/** Every field a refusal names: its `fields`, else its one `pointer` with its message. */
export function ruleFields(err: RuleError): Array<{ pointer: string; message: string }> {
  if (err.fields && err.fields.length > 0) return err.fields.map((f) => ({ ...f }));
  return err.pointer ? [{ pointer: err.pointer, message: err.message }] : [];
}
