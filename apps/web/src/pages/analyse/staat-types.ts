/** The API's StaatAnalyseDto (libs/knelpunten/src/analyse/dtos/staat-analyse.dto.ts), as this page reads it. */
export interface StaatKeyCount {
  key: string;
  label: string | null;
  count: number;
}

export interface StaatKnelpuntRef {
  id: string;
  reference: string;
  title: string;
  organisation: string;
  status: string;
  jaar: number;
}

export interface VerouderingBucket {
  key: string;
  label: string;
  count: number;
}

export interface StaatAnalyse {
  jaar: number;
  generatedAt: string;
  standen: number;
  availableYears: number[];
  matrix: {
    themes: string[];
    organisations: string[];
    cells: { theme: string; organisation: string; count: number }[];
    themeTotals: StaatKeyCount[];
    organisationTotals: StaatKeyCount[];
    total: number;
  };
  wetten: {
    bwb: { bwbId: string; label: string | null; count: number; organisations: string[] }[];
    vrijeTekst: { key: string; label: string | null; count: number; organisations: string[] }[];
    limit: number;
  };
  clusters: { id: string; title: string; organisations: number; membersInJaar: number; members: StaatKnelpuntRef[] }[];
  terugkerend: {
    threshold: number;
    total: number;
    limit: number;
    items: {
      id: string;
      reference: string;
      title: string;
      organisation: string;
      theme: string;
      status: string;
      eerder: {
        id: string;
        reference: string;
        title: string;
        status: string;
        jaar: number;
        score: number;
        sharedBwbIds: string[];
        reason: string;
      }[];
    }[];
  };
  veroudering: {
    peilmoment: string;
    explanation: string;
    total: number;
    medianDays: number | null;
    maxDays: number | null;
    buckets: VerouderingBucket[];
    byStatus: { key: string; count: number; medianDays: number | null; maxDays: number | null; buckets: VerouderingBucket[] }[];
  };
}
