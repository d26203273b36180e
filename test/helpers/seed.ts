// A small referential written by hand in the AMO40 JSON format, parsed and ingested into a
// fresh temporary database for the route tests.
import type { DB } from '../../db/database.ts';
import { ingestReferential } from '../../scrapers/assemblee/ingest.ts';
import { parseActeur, parseOrgane, type Referential } from '../../scrapers/assemblee/parse.ts';
import { tempDatabase } from './db.ts';

const nil = { '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance', '@xsi:nil': 'true' };

interface MandatSpec {
  uid: string;
  type: 'ASSEMBLEE' | 'GP' | 'PARPOL' | 'COMPER';
  organe: string;
  start: string;
  end?: string;
  role?: string;
  dep?: [string, string, string];
}

function mandat(acteur: string, m: MandatSpec) {
  return {
    '@xsi:type': 'MandatSimple_Type',
    uid: m.uid,
    acteurRef: acteur,
    legislature: m.type === 'PARPOL' ? null : '17',
    typeOrgane: m.type,
    dateDebut: m.start,
    datePublication: m.start,
    dateFin: m.end ?? null,
    preseance: '20',
    nominPrincipale: '1',
    infosQualite: {
      codeQualite: m.role ?? 'Membre',
      libQualite: m.role ?? 'Membre',
      libQualiteSex: m.role ?? 'Membre',
    },
    organes: { organeRef: m.organe },
    ...(m.dep
      ? {
          election: {
            lieu: {
              region: 'Région',
              regionType: 'Métropolitain',
              departement: m.dep[1],
              numDepartement: m.dep[0],
              numCirco: m.dep[2],
            },
            causeMandat: 'élections générales',
            refCirconscription: `PO9${m.dep[0]}${m.dep[2]}`,
          },
          mandature: {
            datePriseFonction: m.start,
            causeFin: null,
            premiereElection: '1',
            placeHemicycle: '1',
            mandatRemplaceRef: null,
          },
        }
      : {}),
  };
}

function acteur(
  uid: string,
  civ: string,
  prenom: string,
  nom: string,
  born: string,
  profession: string | null,
  mandats: MandatSpec[],
) {
  const list = mandats.map((m) => mandat(uid, m));
  return {
    acteur: {
      uid: { '@xsi:type': 'IdActeur_type', '#text': uid },
      etatCivil: {
        ident: { civ, prenom, nom, alpha: `${nom}${prenom}`, trigramme: null },
        infoNaissance: {
          dateNais: born,
          villeNais: 'Bordeaux',
          depNais: 'Gironde',
          paysNais: 'France',
        },
        dateDeces: nil,
      },
      profession: profession
        ? {
            libelleCourant: profession,
            socProcINSEE: {
              catSocPro: 'Professions libérales',
              famSocPro: 'Cadres et professions intellectuelles supérieures',
            },
          }
        : { libelleCourant: nil, socProcINSEE: { catSocPro: nil, famSocPro: nil } },
      uri_hatvp: `https://www.hatvp.fr/pages_nominatives/${nom.toLowerCase()}`,
      adresses: {
        adresse: {
          '@xsi:type': 'AdresseMail_Type',
          uid: `AD${uid}`,
          type: '15',
          typeLibelle: 'Mèl',
          poids: null,
          adresseDeRattachement: null,
          valElec: `${prenom}@example.fr`,
        },
      },
      // One mandate is an object, not a one-item list, as in the real files.
      mandats: list.length === 0 ? null : { mandat: list.length === 1 ? list[0] : list },
    },
  };
}

function organe(
  uid: string,
  codeType: string,
  libelle: string,
  abrev: string,
  extra: Record<string, unknown> = {},
) {
  return {
    organe: {
      uid,
      codeType,
      libelle,
      libelleAbrege: abrev,
      libelleAbrev: abrev,
      viMoDe: { dateDebut: '2024-07-18', dateAgrement: null, dateFin: null },
      organeParent: null,
      legislature: codeType === 'PARPOL' ? null : '17',
      couleurAssociee: codeType === 'GP' ? '#123456' : undefined,
      ...extra,
    },
  };
}

const AN = 'PO1';
const AAA = 'PO10';
const BBB = 'PO20';
const PARTY = 'PO30';

/** Six acteurs: four lawyers written four ways, a former deputy, a duplicated group mandate, hostile text. */
export function sampleReferential(): Referential {
  const seat = (uid: string, dep: [string, string, string], end?: string): MandatSpec => ({
    uid,
    type: 'ASSEMBLEE',
    organe: AN,
    start: '2024-07-08',
    end,
    dep,
  });
  return {
    organes: [
      organe(AN, 'ASSEMBLEE', 'Assemblée nationale de la 17ème législature', 'AN'),
      organe(AAA, 'GP', 'Groupe Alpha', 'AAA'),
      organe(BBB, 'GP', 'Groupe Bêta', 'BBB'),
      organe(PARTY, 'PARPOL', 'Parti Gamma', 'PG'),
      organe('PO40', 'COMPER', 'Commission des lois', 'CION_LOIS'),
    ].map(parseOrgane),
    acteurs: [
      acteur('PA1', 'Mme', 'Alice', 'Dupré', '1980-05-01', 'Avocate', [
        seat('PM11', ['33', 'Gironde', '1']),
        { uid: 'PM12', type: 'GP', organe: AAA, start: '2024-07-19' },
        { uid: 'PM13', type: 'PARPOL', organe: PARTY, start: '2024-01-01' },
        {
          uid: 'PM14',
          type: 'COMPER',
          organe: 'PO40',
          start: '2024-07-20',
          role: 'Vice-Présidente',
        },
      ]),
      acteur('PA2', 'M.', 'Bernard', 'Martin', '1960-02-10', '(18) - AVOCAT', [
        seat('PM21', ['75', 'Paris', '3']),
        { uid: 'PM22', type: 'GP', organe: AAA, start: '2024-07-19' },
      ]),
      acteur('PA3', 'M.', 'Éric', 'Lefèvre', '1990-11-30', 'avocat', [
        seat('PM31', ['2A', 'Corse-du-Sud', '1']),
        { uid: 'PM32', type: 'GP', organe: BBB, start: '2024-07-19' },
      ]),
      acteur(
        'PA4',
        'Mme',
        'Chloé',
        '<script>alert(1)</script>',
        '1975-03-03',
        '=HYPERLINK("http://evil")',
        [
          seat('PM41', ['971', 'Guadeloupe', '2']),
          { uid: 'PM42', type: 'GP', organe: BBB, start: '2024-07-19' },
        ],
      ),
      acteur('PA5', 'M.', 'Denis', 'Ancien', '1950-01-01', 'Avocat', [
        seat('PM51', ['33', 'Gironde', '2'], '2025-01-31'),
        { uid: 'PM52', type: 'GP', organe: AAA, start: '2024-07-19', end: '2025-01-31' },
      ]),
      acteur('PA6', 'Mme', 'Fanny', 'Noël', '1985-06-15', 'Ancienne avocate / Ancien cadre', [
        seat('PM61', ['33', 'Gironde', '3']),
        { uid: 'PM62', type: 'GP', organe: BBB, start: '2024-07-19' },
        { uid: 'PM63', type: 'GP', organe: BBB, start: '2024-07-19' },
      ]),
      acteur('PA7', 'M.', 'Gaston', 'Sansmandat', '1970-01-01', null, []),
    ].map(parseActeur),
    deports: [],
    pays: [],
  };
}

/** A migrated temporary database holding the sample referential; `close` removes it. */
export async function seededDatabase(): Promise<{ db: DB; close: () => Promise<void> }> {
  const { db, cleanup } = await tempDatabase();
  await db.transaction().execute((trx) => ingestReferential(trx, sampleReferential(), 17));
  return { db, close: cleanup };
}
