import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, NumberBadge, SkipLink } from '@rijkshuisstijl-community/components-react';
import { api } from '../api/client';
import type { Notification, Page } from '../api/types';
import { useSession } from '../auth/session';
import { ROL_LABELS } from '../labels';
import { AppLink, AppNavLink } from '../components/app-link';
import { navigationFor } from './navigation';

export const UNREAD_KEY = ['notifications', 'ongelezen'] as const;

function UnreadBadge() {
  const { data } = useQuery({
    queryKey: UNREAD_KEY,
    // One unread item is enough: the API counts the whole inbox (unreadCount).
    queryFn: () => api.get<Page<Notification> & { unreadCount?: number }>('/notifications', { unread: true, limit: 1 }),
    refetchInterval: 60_000,
  });
  const count = data ? (data.unreadCount ?? data.items.length) : 0;
  if (!count) return null;
  return (
    <NumberBadge label={`${count} ongelezen`} className="kp-badge">
      {count}
    </NumberBadge>
  );
}

/**
 * Moves focus to the page's main heading after navigation (screen reader users hear the new page). Pages
 * load lazily and often show "Laden…" first, so the heading is focused when it appears (and again when a
 * loading heading is replaced), until the user presses a key or clicks, or focuses something in main.
 */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('inhoud');
    if (!main) return;
    let focused: HTMLElement | null = null;
    const focusHeading = () => {
      const h1 = main.querySelector<HTMLElement>('h1');
      const active = document.activeElement;
      // Focus the page itself put somewhere in main (a notice, a field) stays where it is.
      const moved = active && active !== document.body && active !== focused && main.contains(active);
      if (!h1 || h1 === active || moved) return;
      h1.setAttribute('tabindex', '-1');
      h1.focus();
      focused = h1;
    };
    const observer = new MutationObserver(focusHeading);
    const stop = () => {
      observer.disconnect();
      window.clearTimeout(timer);
      window.removeEventListener('keydown', stop, true);
      window.removeEventListener('pointerdown', stop, true);
    };
    const timer = window.setTimeout(stop, 10_000);
    window.addEventListener('keydown', stop, true);
    window.addEventListener('pointerdown', stop, true);
    observer.observe(main, { childList: true, subtree: true });
    focusHeading();
    return stop;
  }, [location.pathname]);
}

export function AppLayout() {
  const { user, logout } = useSession();
  const items = navigationFor(user?.role);
  useFocusOnNavigate();
  return (
    <>
      <SkipLink href="#inhoud">Naar de inhoud</SkipLink>
      <header className="kp-header">
        <div className="kp-header__inner">
          <AppLink to="/" className="kp-header__brand">
            <span className="kp-header__emblem" aria-hidden="true" />
            <span>
              <span className="kp-header__title">Knelpunten</span>
              <span className="kp-header__subtitle">Standen van de Uitvoering</span>
            </span>
          </AppLink>
          <div className="kp-header__user">
            {user ? (
              <>
                <span className="kp-header__who">
                  <strong>{user.name}</strong>
                  <span>
                    {ROL_LABELS[user.role]}
                    {user.organisation ? ` · ${user.organisation}` : ''}
                    {user.driehoek && user.role === 'driehoek' ? ` · driehoek ${user.driehoek}` : ''}
                  </span>
                </span>
                <Button appearance="secondary-action-button" className="kp-header__logout" onClick={() => void logout()}>
                  Uitloggen
                </Button>
              </>
            ) : (
              <AppLink to="/inloggen">Inloggen</AppLink>
            )}
          </div>
        </div>
        <nav className="kp-nav" aria-label="Hoofdmenu">
          <ul className="kp-nav__list">
            {items.map((item) => (
              <li key={item.to} className="kp-nav__item">
                <AppNavLink to={item.to} end={item.to === '/acu' || item.to === '/openbaar'}>
                  {item.label}
                  {item.to === '/meldingen' && user ? <UnreadBadge /> : null}
                </AppNavLink>
              </li>
            ))}
            {user ? (
              <li className="kp-nav__item kp-nav__item--end">
                <AppNavLink to="/openbaar">Openbaar register</AppNavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      </header>
      <main id="inhoud" className="kp-main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="kp-footer">
        <p>
          Knelpunten uit de Standen van de Uitvoering · Werk aan Uitvoering · <AppLink to="/werkdagen">Termijnen berekenen</AppLink> ·{' '}
          <a className="utrecht-link" href="/api/v1/docs">
            API
          </a>
        </p>
      </footer>
    </>
  );
}
