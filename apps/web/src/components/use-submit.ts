import { useState, type FormEvent } from 'react';

/**
 * A form's submit: busy while saving, the API's refusal kept for the fields (splitApiError), the result handed
 * to `onSaved`.
 */
export function useSubmit<T>(save: () => Promise<T>, onSaved: (result: T) => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await save());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { error, setError, busy, submit };
}
