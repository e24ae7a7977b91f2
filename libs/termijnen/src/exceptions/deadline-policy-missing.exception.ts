/**
 * No deadline policy applies (the seeded defaults were deleted). A configuration problem, not bad input:
 * the activity fails retryably, so restoring the policy lets the workflow continue.
 */
export class DeadlinePolicyMissingException extends Error {
  static readonly TYPE = 'TERMIJNBELEID_ONTBREEKT';
  /** Activities fail retryably with this type (see libs/temporal toActivityFailure). */
  readonly retryType = DeadlinePolicyMissingException.TYPE;

  constructor(
    readonly kind: string,
    readonly organisation: string,
    readonly instrument: string | null,
  ) {
    super(
      `Er is geen termijnbeleid voor '${kind}'${instrument ? ` (${instrument})` : ''} bij ${organisation} en geen standaardbeleid; ` +
        'stel het in via PUT /api/v1/deadline-policies.',
    );
    this.name = 'DeadlinePolicyMissingException';
  }
}
