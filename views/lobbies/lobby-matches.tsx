import type { DossierLobbyRow, LobbyMatchRow, LobbyQueueRow } from '../../db/queries/lobbies.ts';
import { DOSSIER_LINK_CONFIDENCE } from '../../domain/lobbies.ts';
import { personName } from '../../domain/text.ts';
import { matchLabel } from '../../server/records/lobbies.ts';
import { Pager } from '../components.tsx';
import { Layout } from '../layout.tsx';
import { CsrfField } from '../suivi/suivi.tsx';

type DeputyMatch = Omit<LobbyMatchRow, 'first_name' | 'last_name'> & {
  denomination: string;
};

const Confidence = ({ value }: { value: string }) => <strong>confiance {value}</strong>;

/** On a deputy's page: registered lobbyists that may be what the deputy declared. */
export function DeputeLobbies({ matches }: { matches: DeputyMatch[] }) {
  if (matches.length === 0) return null;
  return (
    <section aria-labelledby="lobbies">
      <h2 id="lobbies">Représentants d'intérêts : rapprochements possibles</h2>
      <p class="muted">
        Organisations inscrites au répertoire des représentants d'intérêts dont le nom (ou le SIREN)
        correspond à ce que ce député a déclaré à la HATVP. Ce sont des candidats, pas des faits
        établis : deux organisations peuvent porter le même nom. Voir{' '}
        <a href="/methodologie#lobbies-rapprochements">la méthode</a>.
      </p>
      <ul>
        {matches.map((m) => (
          <li>
            <a href={`/lobbies/${m.organisation_id}`}>{m.denomination}</a> — {matchLabel(m)} : «{' '}
            {m.declared} » ; au répertoire : « {m.registered} » (<Confidence value={m.confidence} />
            )
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On an organisation's page: deputies whose declarations may name it or its people. */
export function LobbyDeputies({ matches }: { matches: LobbyMatchRow[] }) {
  return (
    <>
      <h2 id="rapprochements">Rapprochements possibles avec des déclarations de députés</h2>
      <p class="muted">
        Candidats calculés à partir des déclarations d'intérêts des députés (nom ou SIREN de
        l'organisation déclarée, nom d'un collaborateur parlementaire), jamais des faits établis.
        Voir <a href="/methodologie#lobbies-rapprochements">la méthode</a>.
      </p>
      {matches.length === 0 ? (
        <p class="muted">Aucun.</p>
      ) : (
        <ul>
          {matches.map((m) => (
            <li>
              <a href={`/deputes/${m.acteur_uid}`}>
                {personName(m.first_name, m.last_name) ?? m.acteur_uid}
              </a>{' '}
              — {matchLabel(m)} : « {m.declared} » ; au répertoire : « {m.registered} » (
              <Confidence value={m.confidence} />)
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** The admin review queue of the lobbies candidates: each can be dismissed as a false match. */
export function LobbyQueuePage({
  items,
  total,
  page,
  pages,
  csrf,
  dismissed,
  notice,
}: {
  items: LobbyQueueRow[];
  total: number;
  page: number;
  pages: number;
  csrf: string;
  dismissed: boolean;
  notice: string | null;
}) {
  return (
    <Layout title="Rapprochements avec le répertoire des représentants d'intérêts">
      <nav class="admin-nav" aria-label="Administration">
        <a href="/suivi">File de revue</a> · <a href="/suivi/pages">Pages suivies</a> ·{' '}
        <a href="/suivi/lobbies">Représentants d'intérêts</a>
      </nav>
      <h1>Rapprochements avec le répertoire des représentants d'intérêts</h1>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        <a href="/suivi/lobbies" aria-current={dismissed ? undefined : 'page'}>
          Affichés
        </a>{' '}
        ·{' '}
        <a href="/suivi/lobbies?statut=dismissed" aria-current={dismissed ? 'page' : undefined}>
          Écartés
        </a>
      </p>
      <p class="muted">
        Les moins sûrs d'abord. Un rapprochement écarté n'est plus affiché et le reste quand les
        rapprochements sont recalculés.
      </p>
      <p>
        {total} rapprochement{total > 1 ? 's' : ''} {dismissed ? 'écarté' : 'affiché'}
        {total > 1 ? 's' : ''}.
      </p>
      {items.length === 0 ? <p>Aucun.</p> : null}
      <ul>
        {items.map((m) => (
          <li>
            <a href={`/deputes/${m.acteur_uid}`}>
              {personName(m.first_name, m.last_name) ?? m.acteur_uid}
            </a>{' '}
            ↔ <a href={`/lobbies/${m.organisation_id}`}>{m.denomination}</a> — {matchLabel(m)} : «{' '}
            {m.declared} » ; au répertoire : « {m.registered} » (confiance {m.confidence})
            {dismissed ? null : (
              <form method="post" action="/suivi/lobbies/ecarter" class="inline">
                <CsrfField token={csrf} />
                <input type="hidden" name="kind" value={m.kind} />
                <input type="hidden" name="organisation_id" value={String(m.organisation_id)} />
                <input type="hidden" name="acteur_uid" value={m.acteur_uid} />
                <input type="hidden" name="evidence_key" value={m.evidence_key} />
                <label>
                  Raison
                  <input type="text" name="raison" required maxlength={500} />
                </label>
                <button type="submit">Écarter</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <Pager
        path="/suivi/lobbies"
        query={dismissed ? 'statut=dismissed' : ''}
        page={page}
        pages={pages}
        htmx={false}
      />
    </Layout>
  );
}

/** On a dossier's page: the register's activities that name its title (candidates). */
export function DossierLobbies({ rows }: { rows: DossierLobbyRow[] }) {
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby="lobbies">
      <h2 id="lobbies">
        Représentants d'intérêts déclarant une action sur ce texte : rapprochements possibles
      </h2>
      <p class="muted">
        Activités du répertoire des représentants d'intérêts dont l'objet contient le titre entier
        de ce dossier : des rapprochements possibles, déclarés par les représentants eux-mêmes. Voir{' '}
        <a href="/methodologie#lobbies-rapprochements">la méthode</a>.
      </p>
      <ul>
        {rows.map((r) => (
          <li>
            <a href={`/lobbies/${r.organisation_id}`}>{r.denomination}</a> : {r.objet} (titre entier
            du dossier dans l'objet, <Confidence value={DOSSIER_LINK_CONFIDENCE} />)
            {r.date_publication ? (
              <span class="muted"> (publiée le {r.date_publication})</span>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
