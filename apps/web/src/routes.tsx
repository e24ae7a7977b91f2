import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { Paragraph } from '@rijkshuisstijl-community/components-react';
import type { Rol } from './api/types';
import { useSession } from './auth/session';
import { AppLayout } from './layout/app-layout';
import { homeFor } from './layout/navigation';
import LoginPage from './pages/inloggen/login-page';
import NotFoundPage from './pages/start/not-found-page';
import ForbiddenPage from './pages/start/forbidden-page';

// One folder per user task; each page is its own chunk (the dashboard's charts load only there).
const OpenbaarStandenPage = lazy(() => import('./pages/openbaar/standen-page'));
const OpenbaarStandPage = lazy(() => import('./pages/openbaar/stand-page'));
const OpenbaarRegisterPage = lazy(() => import('./pages/openbaar/register-page'));
const WerkdagenPage = lazy(() => import('./pages/werkdagen/werkdagen-page'));
const StandFormPage = lazy(() => import('./pages/indienen/stand-form-page'));
const CsvImportPage = lazy(() => import('./pages/indienen/csv-import-page'));
const MijnKnelpuntenPage = lazy(() => import('./pages/mijn-knelpunten/mijn-knelpunten-page'));
const WerkvoorraadPage = lazy(() => import('./pages/werkvoorraad/werkvoorraad-page'));
const KnelpuntenPage = lazy(() => import('./pages/knelpunten/knelpunten-page'));
const KnelpuntPage = lazy(() => import('./pages/knelpunt/knelpunt-page'));
const AcuBoardPage = lazy(() => import('./pages/acu/acu-board-page'));
const MeetingsPage = lazy(() => import('./pages/acu/meetings-page'));
const AgendaPage = lazy(() => import('./pages/acu/agenda-page'));
const ClustersPage = lazy(() => import('./pages/acu/clusters-page'));
const ClusterPage = lazy(() => import('./pages/acu/cluster-page'));
const DashboardPage = lazy(() => import('./pages/dashboard/dashboard-page'));
const VoortgangsrapportagePage = lazy(() => import('./pages/rapportages/voortgang-page'));
const StaatPage = lazy(() => import('./pages/analyse/staat-page'));
const TermijnbeleidPage = lazy(() => import('./pages/termijnbeleid/termijnbeleid-page'));
const GelijkgesteldeDagenPage = lazy(() => import('./pages/gelijkgestelde-dagen/gelijkgestelde-dagen-page'));
const BeheerPage = lazy(() => import('./pages/beheer/beheer-page'));
const MeldingenPage = lazy(() => import('./pages/meldingen/meldingen-page'));
const UitvraagPage = lazy(() => import('./pages/uitvraag/uitvraag-page'));
const UitvraagrondePage = lazy(() => import('./pages/uitvraag/uitvraagronde-page'));

function Loading() {
  return (
    <Paragraph role="status" className="kp-loading">
      Laden…
    </Paragraph>
  );
}

const ALL: Rol[] = ['indiener', 'driehoek', 'acu', 'programmadirectie', 'admin'];

/** Pages behind a login: not logged in → the login page (and back here after); wrong role → 403 page. */
function RequireRole({ roles, children }: { roles: Rol[]; children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to={`/inloggen?terug=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!roles.includes(user.role)) return <ForbiddenPage />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Public({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function Home() {
  const { user, loading } = useSession();
  if (loading) return <Loading />;
  return <Navigate to={user ? homeFor(user.role) : '/openbaar'} replace />;
}

const guard = (roles: Rol[], element: ReactNode) => <RequireRole roles={roles}>{element}</RequireRole>;

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'inloggen', element: <LoginPage /> },
      {
        path: 'openbaar',
        element: (
          <Public>
            <OpenbaarStandenPage />
          </Public>
        ),
      },
      {
        path: 'openbaar/knelpunten',
        element: (
          <Public>
            <OpenbaarRegisterPage />
          </Public>
        ),
      },
      {
        path: 'openbaar/standen/:id',
        element: (
          <Public>
            <OpenbaarStandPage />
          </Public>
        ),
      },
      {
        path: 'werkdagen',
        element: (
          <Public>
            <WerkdagenPage />
          </Public>
        ),
      },
      { path: 'standen/nieuw', element: guard(['indiener', 'programmadirectie', 'admin'], <StandFormPage />) },
      { path: 'standen/importeren', element: guard(['indiener', 'programmadirectie', 'admin'], <CsvImportPage />) },
      { path: 'mijn-knelpunten', element: guard(['indiener'], <MijnKnelpuntenPage />) },
      { path: 'werkvoorraad', element: guard(['driehoek', 'programmadirectie', 'admin'], <WerkvoorraadPage />) },
      { path: 'werkvoorraad/:code', element: guard(['driehoek', 'programmadirectie', 'admin'], <WerkvoorraadPage />) },
      { path: 'knelpunten', element: guard(ALL, <KnelpuntenPage />) },
      { path: 'knelpunten/:idOrReference', element: guard(ALL, <KnelpuntPage />) },
      { path: 'acu', element: guard(['acu', 'programmadirectie'], <AcuBoardPage />) },
      { path: 'acu/vergaderingen', element: guard(['acu', 'programmadirectie'], <MeetingsPage />) },
      { path: 'acu/vergaderingen/:id', element: guard(['acu', 'programmadirectie'], <AgendaPage />) },
      { path: 'acu/clusters', element: guard(['acu', 'programmadirectie'], <ClustersPage />) },
      { path: 'acu/clusters/:id', element: guard(['acu', 'programmadirectie'], <ClusterPage />) },
      { path: 'dashboard', element: guard(['programmadirectie', 'acu'], <DashboardPage />) },
      { path: 'rapportages/voortgang', element: guard(['programmadirectie', 'acu'], <VoortgangsrapportagePage />) },
      { path: 'analyse/staat', element: guard(['programmadirectie', 'acu'], <StaatPage />) },
      { path: 'termijnbeleid', element: guard(['programmadirectie', 'admin', 'acu', 'driehoek'], <TermijnbeleidPage />) },
      { path: 'gelijkgestelde-dagen', element: guard(['programmadirectie', 'admin'], <GelijkgesteldeDagenPage />) },
      { path: 'beheer', element: guard(['admin'], <BeheerPage />) },
      { path: 'meldingen', element: guard(ALL, <MeldingenPage />) },
      { path: 'uitvraag', element: guard(['programmadirectie', 'indiener', 'driehoek'], <UitvraagPage />) },
      { path: 'uitvraag/:id', element: guard(['programmadirectie', 'indiener', 'driehoek'], <UitvraagrondePage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
