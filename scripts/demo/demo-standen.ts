/**
 * Demo Standen: written for this product after the kind of knelpunten the public Standen van de
 * Uitvoering name (complex rules, hardheden, legacy ICT, scarcity, data that may not be shared).
 * Illustrative text, not quotations; used only by `npm run demo`.
 */
export interface DemoStand {
  organisation: string;
  period: string;
  title: string;
  publishedOn: string;
  sourceUrl: string;
  knelpunten: {
    title: string;
    description: string;
    theme: string;
    law?: string;
    ministry?: string;
    impact?: string;
    proposedSolution?: string;
  }[];
}

export const DEMO_STANDEN: DemoStand[] = [
  {
    organisation: 'UWV',
    period: '2026',
    title: 'Stand van de uitvoering UWV 2026',
    publishedOn: '2026-06-15',
    sourceUrl: 'https://www.uwv.nl/nl/over-uwv/stand-van-de-uitvoering',
    knelpunten: [
      {
        title: 'Complexe regels WIA',
        description:
          'De WIA kent zoveel uitzonderingen dat burgers niet kunnen voorspellen wat zij krijgen; beslissingen worden vaak bestreden.',
        theme: 'vereenvoudiging',
        law: 'Wet werk en inkomen naar arbeidsvermogen',
        ministry: 'SZW',
        impact: 'Onzekerheid en bezwaarprocedures voor ruim 40.000 mensen per jaar',
        proposedSolution: 'Minder uitzonderingen en een vaste rekenregel voor de uitkeringshoogte',
      },
      {
        title: 'Verouderde ICT uitkeringsketen',
        description: 'Kernsystemen voor de WW en de WIA zijn meer dan dertig jaar oud; wetswijzigingen kosten daardoor jaren.',
        theme: 'ict',
        ministry: 'SZW',
        impact: 'Wetswijzigingen kunnen pas laat en met handwerk worden uitgevoerd',
        proposedSolution: 'Meerjarig vervangingsprogramma met vaste financiering',
      },
      {
        title: 'Tekort aan verzekeringsartsen',
        description: 'Er zijn te weinig verzekeringsartsen om de sociaal-medische beoordelingen op tijd te doen; wachttijden lopen op.',
        theme: 'schaarste',
        law: 'Wet werk en inkomen naar arbeidsvermogen',
        ministry: 'SZW',
        impact: 'Mensen wachten maanden op een beoordeling',
        proposedSolution: 'Taakdelegatie en een andere inrichting van de beoordeling',
      },
    ],
  },
  {
    organisation: 'SVB',
    period: '2026',
    title: 'Stand van de uitvoering SVB 2026',
    publishedOn: '2026-05-30',
    sourceUrl: 'https://www.svb.nl/nl/over-de-svb/stand-van-de-uitvoering',
    knelpunten: [
      {
        title: 'Gegevens van gemeenten niet te delen bij AIO-aanvulling',
        description:
          'Voor de AIO-aanvulling mag de SVB gegevens over bijstand van gemeenten niet automatisch gebruiken; burgers moeten alles opnieuw aanleveren.',
        theme: 'gegevensdeling',
        law: 'Participatiewet',
        ministry: 'SZW',
        impact: 'Niet-gebruik van de AIO-aanvulling bij ouderen met een laag inkomen',
        proposedSolution: 'Een wettelijke grondslag voor gegevensuitwisseling met gemeenten',
      },
      {
        title: 'Hardheid kostendelersnorm AOW',
        description: 'De kostendelersnorm leidt tot lagere uitkeringen wanneer ouderen mantelzorg ontvangen van inwonende kinderen.',
        theme: 'wetgeving',
        law: 'Algemene Ouderdomswet',
        ministry: 'SZW',
        impact: 'Mantelzorg wordt ontmoedigd',
        proposedSolution: 'Uitzondering voor mantelzorgsituaties',
      },
    ],
  },
  {
    organisation: 'DUO',
    period: '2026',
    title: 'Stand van de uitvoering DUO 2026',
    publishedOn: '2026-06-01',
    sourceUrl: 'https://duo.nl/over-duo/stand-van-de-uitvoering',
    knelpunten: [
      {
        title: 'Terugbetaling studieschuld bij wisselend inkomen',
        description:
          'De draagkrachtregeling kijkt naar het inkomen van twee jaar terug; bij een inkomensdaling moeten oud-studenten zelf een verzoek doen.',
        theme: 'maatwerk',
        law: 'Wet studiefinanciering 2000',
        ministry: 'OCW',
        impact: 'Betalingsproblemen bij inkomensdaling',
        proposedSolution: 'Actueel inkomen automatisch gebruiken',
      },
      {
        title: 'Vervanging registratiesysteem onderwijsdeelnemers',
        description: 'Het registratiesysteem moet worden vervangen; de planning staat onder druk door schaarste aan ICT-personeel.',
        theme: 'ict',
        ministry: 'OCW',
        impact: 'Risico op vertraging bij wijzigingen in het onderwijs',
      },
    ],
  },
  {
    organisation: 'IND',
    period: '2026',
    title: 'Stand van de uitvoering IND 2026',
    publishedOn: '2026-04-20',
    sourceUrl: 'https://ind.nl/nl/over-ons/stand-van-de-uitvoering',
    knelpunten: [
      {
        title: 'Achterstanden in asielprocedures',
        description: 'De instroom is groter dan de besliscapaciteit; de wettelijke beslistermijn wordt voor veel aanvragen overschreden.',
        theme: 'schaarste',
        law: 'Vreemdelingenwet 2000',
        ministry: 'AenM',
        impact: 'Lange onzekerheid voor asielzoekers en dwangsommen',
        proposedSolution: 'Extra capaciteit en eenvoudiger werkinstructies',
      },
    ],
  },
  {
    organisation: 'BD',
    period: '2026',
    title: 'Stand van de uitvoering Belastingdienst 2026',
    publishedOn: '2026-06-10',
    sourceUrl: 'https://www.belastingdienst.nl/stand-van-de-uitvoering',
    knelpunten: [
      {
        title: 'Samenloop box 3-herstel en toeslagen',
        description:
          'Herstel in box 3 verandert het toetsingsinkomen voor toeslagen met terugwerkende kracht; burgers krijgen onverwachte terugvorderingen.',
        theme: 'politiek',
        law: 'Wet inkomstenbelasting 2001',
        ministry: 'Fin',
        impact: 'Terugvorderingen bij huishoudens die niets fout deden',
        proposedSolution: 'Een hardheidsclausule en afstemming met Dienst Toeslagen',
      },
      {
        title: 'Te weinig IT-specialisten voor de modernisering',
        description:
          'Er zijn onvoldoende IT-specialisten om de modernisering van de heffingssystemen en de wetswijzigingen tegelijk te doen.',
        theme: 'schaarste',
        ministry: 'Fin',
      },
    ],
  },
];
