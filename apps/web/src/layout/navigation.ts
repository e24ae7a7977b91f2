import type { Rol } from '../api/types';

export interface NavItem {
  to: string;
  label: string;
}

/** What each role finds in the main navigation (the API decides what it may do on each page). */
export function navigationFor(role: Rol | undefined): NavItem[] {
  switch (role) {
    case 'indiener':
      return [
        { to: '/mijn-knelpunten', label: 'Mijn knelpunten' },
        { to: '/standen/nieuw', label: 'Stand indienen' },
        { to: '/standen/importeren', label: 'CSV importeren' },
        { to: '/uitvraag', label: 'Uitvraag' },
        { to: '/meldingen', label: 'Meldingen' },
      ];
    case 'driehoek':
      return [
        { to: '/werkvoorraad', label: 'Werkvoorraad' },
        { to: '/knelpunten', label: 'Alle knelpunten' },
        { to: '/uitvraag', label: 'Uitvraag' },
        { to: '/meldingen', label: 'Meldingen' },
      ];
    case 'acu':
      return [
        { to: '/acu', label: 'ACU-bord' },
        { to: '/acu/vergaderingen', label: 'Vergaderingen' },
        { to: '/acu/clusters', label: 'Clusters' },
        { to: '/dashboard', label: 'Dashboard' },
        { to: '/rapportages/voortgang', label: 'Kwartaalrapportage' },
        { to: '/analyse/staat', label: 'Staat van de Uitvoering' },
        { to: '/knelpunten', label: 'Knelpunten' },
        { to: '/meldingen', label: 'Meldingen' },
      ];
    case 'programmadirectie':
      return [
        { to: '/dashboard', label: 'Dashboard' },
        { to: '/rapportages/voortgang', label: 'Kwartaalrapportage' },
        { to: '/analyse/staat', label: 'Staat van de Uitvoering' },
        { to: '/uitvraag', label: 'Uitvraag' },
        { to: '/knelpunten', label: 'Knelpunten' },
        { to: '/acu', label: 'ACU-bord' },
        { to: '/acu/vergaderingen', label: 'ACU-vergaderingen' },
        { to: '/termijnbeleid', label: 'Termijnbeleid' },
        { to: '/gelijkgestelde-dagen', label: 'Gelijkgestelde dagen' },
        { to: '/meldingen', label: 'Meldingen' },
      ];
    case 'admin':
      return [
        { to: '/beheer', label: 'Referentiegegevens' },
        { to: '/knelpunten', label: 'Knelpunten' },
        { to: '/gelijkgestelde-dagen', label: 'Gelijkgestelde dagen' },
        { to: '/meldingen', label: 'Meldingen' },
      ];
    default:
      return [
        { to: '/openbaar', label: 'Gepubliceerde Standen' },
        { to: '/openbaar/knelpunten', label: 'Openbaar register' },
        { to: '/werkdagen', label: 'Termijnen berekenen' },
      ];
  }
}

/** The first page after logging in. */
export function homeFor(role: Rol | undefined): string {
  return navigationFor(role)[0]?.to ?? '/openbaar';
}
