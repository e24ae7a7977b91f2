import { useEffect, useRef } from 'react';
import { Alert, Paragraph } from '@rijkshuisstijl-community/components-react';

/**
 * Confirmation after a successful save: announced (the design system's ok-Alert is a role="status" live region)
 * and focused when it appears, so keyboard and screen reader users land on the result instead of on a form that
 * has gone.
 */
export function SavedMessage({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div tabIndex={-1} ref={ref} className="kp-saved">
      <Alert type="ok">
        <Paragraph>{message}</Paragraph>
      </Alert>
    </div>
  );
}
