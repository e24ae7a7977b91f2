import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, onUnauthenticated } from '../api/client';
import type { Rol, Session, SessionUser } from '../api/types';

interface SessionContextValue {
  session: Session | undefined;
  user: SessionUser | undefined;
  loading: boolean;
  /** Re-reads the session (after a login). */
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export const SESSION_KEY = ['auth', 'sessie'] as const;

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SESSION_KEY,
    queryFn: () => api.get<Session>('/auth/sessie'),
    staleTime: 60_000,
    retry: 1,
  });

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
  }, [queryClient]);

  const logout = useCallback(async () => {
    const result = await api.post<{ logoutUrl?: string }>('/auth/logout');
    queryClient.clear();
    // A full navigation: nothing of the signed-out user stays in memory. With OIDC the provider ends
    // its session too and sends the browser back to the start page.
    window.location.assign(result?.logoutUrl ?? '/');
  }, [queryClient]);

  // A 401 on any request means the session ended (expired, or signed out elsewhere): re-read it so
  // the app shows the login page with a clear message instead of failing requests.
  useEffect(
    () =>
      onUnauthenticated(() => {
        void queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      }),
    [queryClient],
  );

  const value = useMemo<SessionContextValue>(
    () => ({
      session: query.data,
      user: query.data?.authenticated ? query.data.user : undefined,
      loading: query.isPending,
      refresh,
      logout,
    }),
    [query.data, query.isPending, refresh, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

export function hasRole(user: SessionUser | undefined, ...roles: Rol[]): boolean {
  return !!user && roles.includes(user.role);
}
