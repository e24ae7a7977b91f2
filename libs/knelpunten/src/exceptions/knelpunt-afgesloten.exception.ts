import { DomainException, ErrorCode } from '@kp/shared/errors';

/** A closed knelpunt takes no more decisions, voortgang or deadline changes (its workflow has completed). */
export function knelpuntAfgesloten(): DomainException {
  return new DomainException(ErrorCode.DECISION_NOT_ALLOWED, 'Dit knelpunt is afgesloten; er zijn geen beslissingen meer mogelijk.', [], {
    allowed: [],
  });
}
