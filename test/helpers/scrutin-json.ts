// Builds scrutin files in the Assemblée nationale's JSON format (Scrutins.json.zip,
// json/VTANR5L<l>V<n>.json) from a short description, with the real files' quirks: numbers
// as strings, a one-voter list as an object, an empty list as null, a one-group list as an
// object. Tests describe invented scrutins with it; nothing here comes from the project code.
import { zipSync, type Zippable } from 'fflate';
import { anScrutins } from '../../domain/sources.ts';

export type Cause = 'PAN' | 'PSE' | 'MG';

export interface VoterSpec {
  acteur: string;
  delegation?: boolean;
  cause?: Cause;
  seat?: string;
}

/** An acteur uid, or a voter with a delegation flag or a non-voting cause. */
export type Voter = string | VoterSpec;

export interface GroupSpec {
  organe: string;
  members?: number;
  /** Official positionMajoritaire, written as is (an invalid value is allowed). */
  position: string;
  pour?: Voter[];
  contre?: Voter[];
  abstention?: Voter[];
  nonVotant?: Voter[];
}

export interface ScrutinSpec {
  number: number;
  date: string;
  type?: 'SPO' | 'SPS' | 'MOC';
  result?: 'adopté' | 'rejeté';
  title: string;
  object?: string;
  requesters?: string | null;
  legislature?: number;
  /** null: the file has `groupes: null`. */
  groups: GroupSpec[] | null;
  /** Official synthesis; each count defaults to the length of the nominative lists. */
  decompte?: Partial<Record<'pour' | 'contre' | 'abstentions' | 'nonVotants', number>>;
}

const TYPE_LABELS = {
  SPO: 'scrutin public ordinaire',
  SPS: 'scrutin public solennel',
  MOC: 'motion de censure',
} as const;

function votant(v: Voter, seatFallback: number) {
  const spec = typeof v === 'string' ? { acteur: v } : v;
  return {
    acteurRef: spec.acteur,
    mandatRef: `PM${spec.acteur.slice(2)}`,
    parDelegation: spec.delegation ? 'true' : 'false',
    numPlace: spec.seat ?? String(seatFallback),
    ...(spec.cause ? { causePositionVote: spec.cause } : {}),
  };
}

/** A nominative list as published: null when empty, an object for one voter, else a list. */
function list(voters: Voter[] | undefined, seat: { n: number }) {
  if (!voters || voters.length === 0) return null;
  const items = voters.map((v) => votant(v, ++seat.n));
  return { votant: items.length === 1 ? items[0] : items };
}

const size = (voters: Voter[] | undefined) => voters?.length ?? 0;

/** The uid of scrutin `number` of the 17th legislature. */
export const scrutinUid = (number: number, legislature = 17) => `VTANR5L${legislature}V${number}`;

/** The archive entry of scrutin `number`. */
export const scrutinEntry = (number: number, legislature = 17) =>
  `json/${scrutinUid(number, legislature)}.json`;

/** One scrutin file's parsed JSON. */
export function scrutinJson(spec: ScrutinSpec) {
  const legislature = spec.legislature ?? 17;
  const type = spec.type ?? 'SPO';
  const result = spec.result ?? 'adopté';
  const seat = { n: 0 };
  const groups = spec.groups ?? [];
  const sum = (key: 'pour' | 'contre' | 'abstention' | 'nonVotant') =>
    groups.reduce((n, g) => n + size(g[key]), 0);
  const decompte = {
    nonVotants: spec.decompte?.nonVotants ?? sum('nonVotant'),
    pour: spec.decompte?.pour ?? sum('pour'),
    contre: spec.decompte?.contre ?? sum('contre'),
    abstentions: spec.decompte?.abstentions ?? sum('abstention'),
  };
  const expressed = decompte.pour + decompte.contre;
  const groupe = groups.map((g) => ({
    organeRef: g.organe,
    nombreMembresGroupe: String(
      g.members ?? size(g.pour) + size(g.contre) + size(g.abstention) + size(g.nonVotant) + 2,
    ),
    vote: {
      positionMajoritaire: g.position,
      decompteVoix: {
        nonVotants: String(size(g.nonVotant)),
        pour: String(size(g.pour)),
        contre: String(size(g.contre)),
        abstentions: String(size(g.abstention)),
        nonVotantsVolontaires: '0',
      },
      decompteNominatif: {
        nonVotants: list(g.nonVotant, seat),
        pours: list(g.pour, seat),
        contres: list(g.contre, seat),
        abstentions: list(g.abstention, seat),
      },
    },
  }));
  return {
    scrutin: {
      '@xmlns': 'http://schemas.assemblee-nationale.fr/referentiel',
      '@xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      uid: scrutinUid(spec.number, legislature),
      numero: String(spec.number),
      organeRef: 'PO838901',
      legislature: String(legislature),
      sessionRef: 'SCR5A2025O1',
      seanceRef: `RUANR5L${legislature}S2025IDS${30000 + spec.number}`,
      dateScrutin: spec.date,
      quantiemeJourSeance: '1',
      typeVote: {
        codeTypeVote: type,
        libelleTypeVote: TYPE_LABELS[type],
        typeMajorite: 'Majorité absolue des suffrages exprimés',
      },
      sort: {
        code: result,
        libelle:
          result === 'adopté'
            ? "l'Assemblée nationale a adopté"
            : "L'Assemblée nationale n'a pas adopté",
      },
      titre: spec.title,
      demandeur:
        spec.requesters === null
          ? null
          : { texte: spec.requesters ?? 'Conférence des présidents', referenceLegislative: null },
      objet: {
        libelle: spec.object ?? spec.title,
        dossierLegislatif: null,
        referenceLegislative: null,
      },
      modePublicationDesVotes: 'DecompteNominatif',
      syntheseVote: {
        nombreVotants: String(decompte.pour + decompte.contre + decompte.abstentions),
        suffragesExprimes: String(expressed),
        nbrSuffragesRequis: String(Math.floor(expressed / 2) + 1),
        annonce:
          result === 'adopté'
            ? "l'Assemblée nationale a adopté"
            : "L'Assemblée nationale n'a pas adopté",
        decompte: {
          nonVotants: String(decompte.nonVotants),
          pour: String(decompte.pour),
          contre: String(decompte.contre),
          abstentions: String(decompte.abstentions),
          nonVotantsVolontaires: '0',
        },
      },
      ventilationVotes: {
        organe: {
          organeRef: 'PO838901',
          groupes:
            spec.groups === null ? null : { groupe: groupe.length === 1 ? groupe[0] : groupe },
        },
      },
      miseAuPoint: null,
      lieuVote: 'Palais Bourbon',
    },
  };
}

/** Archive content: parsed JSON (serialised), raw text, or raw bytes, by entry name. */
export type ArchiveEntries = Record<string, unknown>;

/** The entries of an archive holding these scrutins, keyed as in Scrutins.json.zip. */
export function scrutinEntries(specs: ScrutinSpec[]): ArchiveEntries {
  return Object.fromEntries(
    specs.map((s) => [scrutinEntry(s.number, s.legislature), scrutinJson(s)]),
  );
}

const encoder = new TextEncoder();

/** The bytes of an archive entry. */
export function entryBytes(content: unknown): Uint8Array {
  if (content instanceof Uint8Array) return content;
  return encoder.encode(typeof content === 'string' ? content : JSON.stringify(content));
}

/** A Scrutins.json.zip archive; fixed dates keep identical content byte-identical. */
export function scrutinsZip(entries: ArchiveEntries): Uint8Array {
  const mtime = new Date('2025-07-10T06:00:00Z');
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(entries))
    zippable[name] = [entryBytes(content), { mtime }];
  return zipSync(zippable);
}

/** The files of an archive as the ingest takes them. */
export function scrutinFiles(entries: ArchiveEntries): Map<string, Uint8Array> {
  return new Map(Object.entries(entries).map(([name, content]) => [name, entryBytes(content)]));
}

/** Where the scrutins archive lives on a mirror: `/<host>/<path>` of its canonical URL. */
export const SCRUTINS_MIRROR_PATH = (() => {
  const url = new URL(anScrutins({ legislature: 17 }).url);
  return `/${url.host}${url.pathname}`;
})();

/** File name of the archive, as the crawler reports it when the archive itself is bad. */
export const SCRUTINS_FILE_NAME = SCRUTINS_MIRROR_PATH.split('/').pop()!;
