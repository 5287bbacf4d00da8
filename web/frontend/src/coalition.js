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
  previewOn(remove, { remove: [member.id] }, `Als je ${member.name} verwijdert`);
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
    el("span", { class: "visually-hidden state" }, rule.met ? " (voldaan)" : " (ontbreekt)"),
    el("br"), el("span", { class: "reason" }, rule.reason))));
}

function renderGaps(check) {
  const kinds = Object.entries(check.candidates_by_kind);
  byId("gaps").hidden = kinds.length === 0;
  byId("gap-candidates").replaceChildren(...kinds.map(([kind, candidates]) => el("section",
    { class: "kind-results", "aria-label": `Kandidaten: ${KINDS_NL[kind] || kind}` },
    el("h3", {}, `Ontbreekt: ${KINDS_NL[kind] || kind}`),
    el("ol", { class: "candidates" }, candidates.map((c) => el("li", {},
      previewOn(candidateCard(c, false, () => change({ add: [c.id] }, c)),
        { add: [c.id] }, `Als je ${c.name} toevoegt`)))))));
}

// What-if answers of the coalition as it is now, by change; emptied whenever the draft changes.
const whatIfs = new Map();
const preview = { shown: null, pending: null, committed: null, timer: null };
const PREVIEW_DELAY_MS = 120;

function whatIf(delta) {
  const draft = loadDraft();
  const key = JSON.stringify([draft.members.map((m) => m.id), delta.add || [], delta.remove || []]);
  if (!whatIfs.has(key)) {
    const asked = callApi("/api/coalition/what-if", missionOf(draft,
      { add: delta.add || [], remove: delta.remove || [] }));
    asked.catch(() => whatIfs.delete(key));  // a failed answer is asked again next time
    whatIfs.set(key, asked);
  }
  return whatIfs.get(key);
}

// Pointing at or focusing a candidate (or a remove button) shows at once what the change would
// do to the checklist and the figures; leaving it shows the last real change again.
function previewOn(target, delta, title) {
  const show = () => {
    clearTimeout(preview.timer);
    preview.pending = title;
    preview.timer = setTimeout(async () => {
      preview.shown = title;
      try {
        const answer = await whatIf(delta);
        if (preview.shown === title) renderWhatIf(answer, title, true);
      } catch {
        // Only a preview: the change itself reports a failure when it is made.
      }
    }, PREVIEW_DELAY_MS);
  };
  const hide = () => {
    if (preview.pending === title) clearTimeout(preview.timer);
    if (preview.shown !== title) return;
    preview.shown = null;
    markChecklist([]);
    if (preview.committed) renderWhatIf(...preview.committed, false);
    else byId("what-if").hidden = true;
  };
  target.addEventListener("mouseenter", show);
  target.addEventListener("focusin", show);
  target.addEventListener("mouseleave", hide);
  target.addEventListener("focusout", hide);
  return target;
}

// What-if first (on the coalition as it is), then the change itself, then a fresh check.
async function change(delta, member) {
  clearTimeout(preview.timer);
  preview.shown = null;
  try {
    const answer = await whatIf(delta);
    preview.committed = [answer, delta.add ? `${member.name} toegevoegd` : `${member.name} verwijderd`];
    renderWhatIf(...preview.committed, false);
  } catch (failure) {
    showError(`Wat-als mislukt: ${failure.message}`);
  }
  if (delta.add) addMember(member);
  else removeMember(member.id);
  whatIfs.clear();
  await refresh();
}

function renderWhatIf(answer, title, isPreview) {
  const pct = (x) => `${Math.round(x * 100)}%`;
  const sign = (x) => (x > 0 ? `+${x}` : `${x}`);
  const now = (met) => (isPreview ? (met ? "wordt voldaan" : "wordt niet meer voldaan")
    : (met ? "nu voldaan" : "niet meer voldaan"));
  const changed = answer.changed_rules.map((r) => el("li", { class: r.after ? "met" : "missing" },
    `${labels.rules[r.rule] || r.rule}: ${now(r.after)} (${r.reason})`));
  byId("what-if").hidden = false;
  byId("what-if").classList.toggle("is-preview", isPreview);
  byId("wat-als-kop").textContent = isPreview ? "Wat zou er veranderen?" : "Wat verandert er?";
  byId("what-if-body").replaceChildren(
    el("p", {}, el("strong", {}, title), ": regels voldaan ", `${answer.before.rules_met} → `,
      `${answer.after.rules_met} (${sign(answer.delta.rules_met)}), themadekking `,
      `${pct(answer.before.coverage)} → ${pct(answer.after.coverage)} `,
      `(${sign(Math.round(answer.delta.coverage * 100))} procentpunt).`),
    changed.length ? el("ul", {}, changed) : el("p", {}, "Geen regel verandert."));
  markChecklist(isPreview ? answer.changed_rules : [], now);
}

// In the checklist itself, the rules a previewed change would turn say so; only colour, mark
// and hidden text change (no reflow: the candidate under the pointer must not move).
function markChecklist(changedRules, now) {
  byId("checklist").querySelectorAll("li.to-met, li.to-missing").forEach((item) => {
    item.classList.remove("to-met", "to-missing");
    item.querySelector(".mark").textContent = item.classList.contains("met") ? "✓" : "✗";
    item.querySelector(".state").textContent = item.classList.contains("met")
      ? " (voldaan)" : " (ontbreekt)";
  });
  for (const rule of changedRules) {
    const item = byId("checklist").querySelector(`li[data-rule="${CSS.escape(rule.rule)}"]`);
    if (!item) continue;
    item.classList.add(rule.after ? "to-met" : "to-missing");
    item.querySelector(".mark").textContent = rule.after ? "→✓" : "→✗";
    item.querySelector(".state").textContent = ` (${now(rule.after)})`;
  }
}

async function propose() {
  const draft = loadDraft();
  try {
    const proposal = await callApi("/api/coalition/build", missionOf(draft, { max_size: 8 }));
    const take = el("button", { type: "button", class: "primary" }, "Voorstel overnemen");
    take.addEventListener("click", async () => {
      clearTimeout(preview.timer);
      preview.shown = null;
      proposal.added.forEach((c) => addMember(c));
      byId("proposal").hidden = true;
      whatIfs.clear();
      await refresh();
    });
    previewOn(take, { add: proposal.added.map((c) => c.id) }, "Als je het voorstel overneemt");
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
