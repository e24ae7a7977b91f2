import { useMemo, useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { api } from '../../api/client';
import type { Driehoek, Organisation, Rol, Session } from '../../api/types';
import { useSession } from '../../auth/session';
import { AppLink } from '../../components/app-link';
import { ErrorSummary, ProblemAlert, SelectField, splitApiError } from '../../components/form';
import { homeFor } from '../../layout/navigation';
import { ROL_LABELS } from '../../labels';
import { safeReturn } from './safe-return';

const FORM = 'inloggen';
const LABELS = { role: 'Rol', organisation: 'Organisatie', driehoek: 'Driehoek' };

/** Why a login at the provider did not complete: the API's `/inloggen?fout=<code>` (auth callback and login). */
const LOGIN_ERRORS: Record<string, string> = {
  geannuleerd: 'Het inloggen is afgebroken, door u of door het inlogsysteem. U bent niet ingelogd.',
  'provider-fout':
    'Het inlogsysteem van uw organisatie meldde een fout. Probeer het opnieuw; lukt het dan nog niet, neem contact op met uw servicedesk.',
  ongeldig:
    'Het antwoord van het inlogsysteem kon niet worden gecontroleerd. Voor uw veiligheid bent u niet ingelogd. Probeer het opnieuw.',
  verlopen: 'Het inloggen duurde te lang of was al afgerond. Probeer het opnieuw.',
  'geen-toegang':
    'U bent bekend bij het inlogsysteem, maar u heeft geen toegang tot deze applicatie: er is u geen rol toegekend (of de organisatie of driehoek bij uw rol ontbreekt). Vraag de beheerder van uw organisatie om toegang.',
  'niet-beschikbaar': 'Het inlogsysteem is op dit moment niet bereikbaar. Probeer het later opnieuw.',
};
const LOGIN_ERROR_FALLBACK = 'Het inloggen is niet gelukt. Probeer het opnieuw.';

function LoginFailure({ code }: { code: string }) {
  return (
    <div className="kp-problem">
      <Alert type={code === 'niet-beschikbaar' || code === 'provider-fout' ? 'error' : 'warning'}>
        <Heading level={2} appearanceLevel={4}>
          Inloggen niet gelukt
        </Heading>
        <Paragraph>{Object.hasOwn(LOGIN_ERRORS, code) ? LOGIN_ERRORS[code] : LOGIN_ERROR_FALLBACK}</Paragraph>
      </Alert>
    </div>
  );
}

function DevLoginForm({ returnTo }: { returnTo: string | null }) {
  const navigate = useNavigate();
  const { refresh } = useSession();
  const [role, setRole] = useState<Rol | ''>('');
  const [organisation, setOrganisation] = useState('');
  const [driehoek, setDriehoek] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const organisations = useQuery({ queryKey: ['organisations'], queryFn: () => api.get<{ items: Organisation[] }>('/organisations') });
  const driehoeken = useQuery({ queryKey: ['driehoeken'], queryFn: () => api.get<{ items: Driehoek[] }>('/driehoeken') });
  const orgOptions = useMemo(
    () => (organisations.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} — ${o.name}` })),
    [organisations.data],
  );
  const driehoekOptions = useMemo(
    () => (driehoeken.data?.items ?? []).map((d) => ({ value: d.code, label: `Driehoek ${d.code}` })),
    [driehoeken.data],
  );
  const { fieldErrors, summary, other } = splitApiError(error, LABELS);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await api.post<Session>('/auth/dev-login', {
        role: role || undefined,
        organisation: organisation || undefined,
        driehoek: driehoek || undefined,
      });
      await refresh();
      navigate(returnTo ?? homeFor(session.user?.role), { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id={FORM} onSubmit={submit} noValidate className="kp-form">
      <ErrorSummary formId={FORM} errors={summary} />
      <ProblemAlert error={other} />
      <SelectField
        formId={FORM}
        name="role"
        label="Rol"
        required
        value={role}
        onChange={(v) => setRole(v as Rol | '')}
        placeholder="Kies een rol"
        options={(Object.keys(ROL_LABELS) as Rol[]).map((r) => ({ value: r, label: ROL_LABELS[r] }))}
        error={fieldErrors.role}
      />
      <SelectField
        formId={FORM}
        name="organisation"
        label="Organisatie"
        description="Verplicht voor een indiener: de uitvoeringsorganisatie waarvoor u werkt."
        filter
        value={organisation}
        onChange={setOrganisation}
        placeholder="Geen organisatie"
        options={orgOptions}
        error={fieldErrors.organisation}
      />
      <SelectField
        formId={FORM}
        name="driehoek"
        label="Driehoek"
        description="Verplicht voor een driehoekslid: de driehoek (eigenaar, opdrachtgever en opdrachtnemer) van een organisatie."
        filter
        value={driehoek}
        onChange={setDriehoek}
        placeholder="Geen driehoek"
        options={driehoekOptions}
        error={fieldErrors.driehoek}
      />
      <Button type="submit" appearance="primary-action-button" disabled={busy} aria-disabled={busy || undefined}>
        Inloggen
      </Button>
    </form>
  );
}

export default function LoginPage() {
  const { session, user, loading } = useSession();
  const [params] = useSearchParams();
  const returnTo = safeReturn(params.get('terug'));
  const fout = params.get('fout');
  if (loading) return <Paragraph role="status">Laden…</Paragraph>;
  if (user) return <Navigate to={returnTo ?? homeFor(user.role)} replace />;
  return (
    <div className="kp-narrow">
      <Heading level={1}>Inloggen</Heading>
      {session?.mode === 'oidc' ? (
        <div className="kp-form">
          {fout ? <LoginFailure code={fout} /> : null}
          <Paragraph>U logt in via het inlogsysteem van uw organisatie. Daarna komt u hier terug.</Paragraph>
          <div className="kp-actions">
            {/* A full navigation: the API sends the browser on to the provider (authorization code flow with PKCE). */}
            <a
              className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action-button"
              // After a refused login (e.g. an account without a role) the provider must ask again, so that
              // the user can log in as someone else instead of being let through silently with the same account.
              href={`/api/v1/auth/login?returnTo=${encodeURIComponent(returnTo ?? '/')}${fout ? '&prompt=login' : ''}`}
            >
              Inloggen
            </a>
          </div>
        </div>
      ) : (
        <>
          {fout ? <LoginFailure code={fout} /> : null}
          <Paragraph>
            Ontwikkelomgeving: kies een rol en, waar nodig, de organisatie of driehoek. In productie logt u in via het inlogsysteem van uw
            organisatie.
          </Paragraph>
          <DevLoginForm returnTo={returnTo} />
        </>
      )}
      <Paragraph className="kp-result">
        Zonder in te loggen kunt u het <AppLink to="/openbaar/knelpunten">openbaar register van knelpunten</AppLink> en de{' '}
        <AppLink to="/openbaar">gepubliceerde Standen</AppLink> bekijken.
      </Paragraph>
    </div>
  );
}
