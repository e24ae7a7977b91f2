/** One or more e-mails could not be handed over: retryable (only the unsent ones go again). */
export class MailDeliveryFailedException extends Error {
  static readonly TYPE = 'MAIL_NIET_VERZONDEN';
  /** Activities fail retryably with this type (see libs/temporal toActivityFailure). */
  readonly retryType = MailDeliveryFailedException.TYPE;

  constructor(readonly failed: { id: string; error: string }[]) {
    super(`${failed.length} e-mail(s) niet verzonden: ${failed.map((f) => `${f.id} (${f.error})`).join('; ')}`);
    this.name = 'MailDeliveryFailedException';
  }
}
