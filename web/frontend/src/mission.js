// Missie zoeken: sends the form to /api/recommendations and shows the results per kind.
import { callApi } from "./api.js";
import { gemeentePicker, organisationPicker, themePicker } from "./autocomplete.js";
import { addMember, loadDraft, saveDraft } from "./draft.js";
import { candidateCard } from "./candidate.js";
import { el } from "./dom.js";
import { KINDS_NL } from "./labels.js";

export function start() {
  const form = document.getElementById("mission-form");
  const themes = themePicker(form.elements.thema);
  const gemeenten = gemeentePicker(form.elements.gemeente, form.elements.provincie);
  const partners = organisationPicker(form.elements.partners, loadDraft().members);
  partners.on("item_add", (id) => addMember(partners.options[id]));
  partners.on("item_remove", (id) => {
    const draft = loadDraft();
    draft.members = draft.members.filter((m) => m.id !== id);
    saveDraft(draft);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search(form, themes, gemeenten, partners);
  });
  if (form.elements.missie.value.trim() || themes.items.length) {
    search(form, themes, gemeenten, partners);
  }
}

function missionOf(form, themes, gemeenten) {
  return {
    mission: form.elements.missie.value.trim(),
    themes: [...themes.items],
    province: form.elements.provincie.value,
    gemeenten: [...gemeenten.items],
    kinds: [...form.querySelectorAll('input[name="soort"]:checked')].map((box) => box.value),
    with: loadDraft().members.map((m) => m.id),
    k: 10,
  };
}

// Searches can overlap (the one started on load from the draft, then the user's): only the
// latest may show its answer, whatever order the answers arrive in.
let latestSearch = 0;

async function search(form, themes, gemeenten, partners) {
  const ticket = ++latestSearch;
  const status = document.getElementById("status");
  const error = document.getElementById("error");
  const results = document.getElementById("results");
  const mission = missionOf(form, themes, gemeenten);
  error.hidden = true;
  if (!mission.mission && mission.themes.length === 0) {
    showError(error, "Vul een missie in of kies minstens één thema.");
    return;
  }
  status.textContent = "Bezig met zoeken…";
  results.replaceChildren();  // no answer to an earlier search stays on screen meanwhile
  rememberSearch(mission);
  try {
    const answer = await callApi("/api/recommendations", mission);
    if (ticket !== latestSearch) return;
    results.replaceChildren(...renderResults(answer, partners));
    const count = Object.values(answer.results).reduce((n, list) => n + list.length, 0);
    status.textContent = `${count} kandidaten gevonden.`;
  } catch (failure) {
    if (ticket !== latestSearch) return;
    status.textContent = "";
    showError(error, `Zoeken mislukt: ${failure.message}`);
  }
}

function showError(box, message) {
  box.textContent = message;
  box.hidden = false;
}

// The search goes into the address bar (shareable) and into the draft (the Coalitie page
// checks the coalition against this mission).
function rememberSearch(mission) {
  const params = new URLSearchParams();
  if (mission.mission) params.set("missie", mission.mission);
  if (mission.province) params.set("provincie", mission.province);
  mission.themes.forEach((theme) => params.append("thema", theme));
  mission.gemeenten.forEach((code) => params.append("gemeente", code));
  mission.kinds.forEach((kind) => params.append("soort", kind));
  history.replaceState(null, "", `${location.pathname}?${params}`);
  const draft = loadDraft();
  Object.assign(draft, { mission: mission.mission, province: mission.province,
    themes: mission.themes });
  saveDraft(draft);
}

function renderResults(answer, partners) {
  const inCoalition = new Set(loadDraft().members.map((m) => m.id));
  const add = (candidate) => {
    partners.addOption(candidate);
    partners.addItem(candidate.id);  // item_add puts it in the draft
  };
  return Object.entries(answer.results).map(([kind, candidates]) => el("section",
    { class: "kind-results", "aria-labelledby": `kind-${kind}` },
    el("h2", { id: `kind-${kind}` }, `${KINDS_NL[kind] || kind} (${candidates.length})`),
    candidates.length === 0 ? el("p", {}, "Geen kandidaten van deze soort.") :
      el("ol", { class: "candidates" },
        candidates.map((c) => el("li", {}, candidateCard(c, inCoalition.has(c.id), add))))));
}
