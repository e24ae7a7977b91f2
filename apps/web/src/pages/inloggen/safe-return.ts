/** A same-site path to return to after logging in: never another origin (`//host`, `/\\host`, `https:`). */
export function safeReturn(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
