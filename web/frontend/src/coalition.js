// Coalitie: the draft, its rule checklist, candidates for each gap, what-if, proposal, export.
import { callApi } from "./api.js";
import { candidateCard } from "./candidate.js";
import { addMember, loadDraft, removeMember, saveDraft } from "./draft.js";
import { el, syntheticBadge } from "./dom.js";
import { KIND_NL, KINDS_NL } from "./labels.js";
import { draftFromParams, draftParams } from "./share.js";

const byId = (id) => document.getElementById(id);
let labels;

export async function start() {
  const root = byId("coalition");
  labels = { rules: JSON.parse(root.dataset.rules), provinces: JSON.parse(root.dataset.provinces),
    themes: JSON.parse(root.dataset.themes) };
  byId("print").addEventListener("click", () => window.print());
  byId("copy-link").addEventListener("click", () => navigator.clipboard?.writeText(byId("share-link").value));
  byId("propose").addEventListener("click", propose);
  await adoptSharedLink();
  refresh();
}

// A shared link replaces the local draft; the names of its members are asked from the API.
async function adoptSharedLink() {
  const shared = draftFromParams(new URLSearchParams(location.search));
  if (!shared) return;
  shared.members = await Promise.all(shared.members.map(async (member) => {
    try {
      const found = (await callApi(`/api/organisations/${encodeURIComponent(member.id)}`)).organisation;
      return { id: found.id, name: found.name, kind: found.kind, synthetic: found.synthetic };
    } catch {
      return member;
    }
  }));
  saveDraft(shared);
}

function missionOf(draft, extra = {}) {
  return { mission: draft.mission, province: draft.province, themes: draft.themes,
    with: draft.members.map((m) => m.id), k: 3, ...extra };
}

async function refresh() {
  const draft = loadDraft();
  renderDraft(draft);
  try {
    const check = await callApi("/api/coalition/check", missionOf(draft));
    renderChecklist(check);
    renderGaps(check);
  } catch (failure) {
    showError(`De coalitie kon niet worden getoetst: ${failure.message}`);
  }
}

function renderDraft(draft) {
  const place = labels.provinces[draft.province] || "";
  const themes = draft.themes.map((t) => labels.themes[t] || t).join(", ");
  byId("mission-summary").textContent = draft.mission || themes ?
    [draft.mission, themes && `thema's: ${themes}`, place && `provincie: ${place}`]
      .filter(Boolean).join(" · ") : "Nog geen missie gekozen.";
  const params = draftParams(draft);
  byId("mission-link").href = `/missie?${params}`;
  byId("member-count").textContent = draft.members.length;
  byId("no-members").hidden = draft.members.length > 0;
  byId("members").replaceChildren(...draft.members.map(memberItem));
  byId("share-link").value = `${location.origin}/coalitie?${params}`;
  byId("export-csv").href = `/coalitie/export.csv?${params}`;
  byId("export-xlsx").href = `/coalitie/export.xlsx?${params}`;
}

function memberItem(member) {
  const remove = el("button", { type: "button", "aria-label": `${member.name} verwijderen` },
    "Verwijderen");
  remove.addEventListener("click", () => change({ remove: [member.id] }, member));
  return el("li", { "data-id": member.id },
    el("a", { href: `/organisatie/${encodeURIComponent(member.id)}` }, member.name), " ",
    el("span", { class: "meta" }, KIND_NL[member.kind] || member.kind),
    member.synthetic ? " " : null, member.synthetic ? syntheticBadge() : null, " ", remove);
}

function renderChecklist(check) {
  byId("checklist").replaceChildren(...check.rules.map((rule) => el("li",
    { class: rule.met ? "met" : "missing", "data-rule": rule.rule },
    el("span", { class: "mark", "aria-hidden": "true" }, rule.met ? "✓" : "✗"),
    el("strong", {}, labels.rules[rule.rule] || rule.rule),
    el("span", { class: "visually-hidden" }, rule.met ? " (voldaan)" : " (ontbreekt)"),
    el("br"), el("span", { class: "reason" }, rule.reason))));
}

function renderGaps(check) {
  const kinds = Object.entries(check.candidates_by_kind);
  byId("gaps").hidden = kinds.length === 0;
  byId("gap-candidates").replaceChildren(...kinds.map(([kind, candidates]) => el("section",
    { class: "kind-results", "aria-label": `Kandidaten: ${KINDS_NL[kind] || kind}` },
    el("h3", {}, `Ontbreekt: ${KINDS_NL[kind] || kind}`),
    el("ol", { class: "candidates" }, candidates.map((c) => el("li", {},
      candidateCard(c, false, () => change({ add: [c.id] }, c))))))));
}

// What-if first (on the coalition as it is), then the change itself, then a fresh check.
async function change(delta, member) {
  const draft = loadDraft();
  try {
    const answer = await callApi("/api/coalition/what-if", missionOf(draft,
      { add: delta.add || [], remove: delta.remove || [] }));
    renderWhatIf(answer, delta.add ? `${member.name} toegevoegd` : `${member.name} verwijderd`);
  } catch (failure) {
    showError(`Wat-als mislukt: ${failure.message}`);
  }
  if (delta.add) addMember(member);
  else removeMember(member.id);
  await refresh();
}

function renderWhatIf(answer, title) {
  const pct = (x) => `${Math.round(x * 100)}%`;
  const sign = (x) => (x > 0 ? `+${x}` : `${x}`);
  const changed = answer.changed_rules.map((r) => el("li", { class: r.after ? "met" : "missing" },
    `${labels.rules[r.rule] || r.rule}: ${r.after ? "nu voldaan" : "niet meer voldaan"} (${r.reason})`));
  byId("what-if").hidden = false;
  byId("what-if-body").replaceChildren(
    el("p", {}, el("strong", {}, title), ": regels voldaan ", `${answer.before.rules_met} → `,
      `${answer.after.rules_met} (${sign(answer.delta.rules_met)}), themadekking `,
      `${pct(answer.before.coverage)} → ${pct(answer.after.coverage)}.`),
    changed.length ? el("ul", {}, changed) : el("p", {}, "Geen regel verandert."));
}

async function propose() {
  const draft = loadDraft();
  try {
    const proposal = await callApi("/api/coalition/build", missionOf(draft, { max_size: 8 }));
    const take = el("button", { type: "button", class: "primary" }, "Voorstel overnemen");
    take.addEventListener("click", async () => {
      proposal.added.forEach((c) => addMember(c));
      byId("proposal").hidden = true;
      await refresh();
    });
    byId("proposal").hidden = false;
    byId("proposal-body").replaceChildren(
      el("p", {}, proposal.all_met ? "Dit voorstel voldoet aan alle regels." :
        "Dit voorstel voldoet nog niet aan alle regels."),
      proposal.added.length ? el("ul", {}, proposal.added.map((c) => el("li", {}, c.name,
        ` (${KIND_NL[c.kind] || c.kind})`, c.synthetic ? " " : null,
        c.synthetic ? syntheticBadge() : null))) : el("p", {}, "Er hoeft niemand bij."),
      proposal.added.length ? take : null);
  } catch (failure) {
    showError(`Geen voorstel: ${failure.message}`);
  }
}

function showError(message) {
  byId("error").textContent = message;
  byId("error").hidden = false;
}
