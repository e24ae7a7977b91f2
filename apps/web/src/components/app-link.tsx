import { forwardRef, type AnchorHTMLAttributes } from 'react';
import { Link as RouterLink, NavLink as RouterNavLink } from 'react-router';

/** The design system's link look, routed by the router (the design system's href links are plain <a>). */
export const AppLink = forwardRef<HTMLAnchorElement, AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }>(function AppLink(
  { to, className, ...rest },
  ref,
) {
  return <RouterLink ref={ref} to={to} className={`utrecht-link nl-link${className ? ` ${className}` : ''}`} {...rest} />;
});

export function AppNavLink({ to, children, end }: { to: string; children: React.ReactNode; end?: boolean }) {
  return (
    <RouterNavLink
      to={to}
      end={end}
      className={({ isActive }) => `kp-nav__link utrecht-link${isActive ? ' kp-nav__link--active' : ''}`}
      aria-current={undefined}
    >
      {children}
    </RouterNavLink>
  );
}

/** A button-looking link (primary action that navigates). */
export function ButtonLink({
  to,
  children,
  appearance = 'primary-action-button',
}: {
  to: string;
  children: React.ReactNode;
  appearance?: 'primary-action-button' | 'secondary-action-button';
}) {
  return (
    <RouterLink to={to} className={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${appearance}`}>
      {children}
    </RouterLink>
  );
}
