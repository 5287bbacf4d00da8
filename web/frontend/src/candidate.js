// One recommended partner: name, kind, score, a bar per signal, the Dutch reasons and an
// "add to the coalition" button.
import { el, dutchNumber, syntheticBadge } from "./dom.js";
import { KIND_NL, SIGNALS_NL } from "./labels.js";

/** The card of a candidate; `onAdd(candidate)` is called by its button. */
export function candidateCard(candidate, added, onAdd) {
  const button = el("button", { type: "button", class: "add" },
    added ? "In coalitie" : "Toevoegen aan coalitie");
  button.disabled = added;
  button.addEventListener("click", () => {
    onAdd(candidate);
    button.textContent = "In coalitie";
    button.disabled = true;
  });
  return el("article", { class: "candidate", "data-id": candidate.id },
    el("h3", {}, el("a", { href: `/organisatie/${encodeURIComponent(candidate.id)}` },
      candidate.name)),
    el("p", { class: "meta" }, KIND_NL[candidate.kind] || candidate.kind, " · score ",
      dutchNumber(candidate.score), candidate.synthetic ? " " : null,
      candidate.synthetic ? syntheticBadge() : null),
    signalBars(candidate),
    el("ul", { class: "reasons" }, candidate.reasons.map((r) => el("li", {}, r.text))),
    button);
}

function signalBars(candidate) {
  return el("dl", { class: "signals" }, Object.entries(SIGNALS_NL).flatMap(([key, label]) => {
    const value = candidate.breakdown[key] ?? 0;
    const id = `sig-${key}-${candidate.id.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
    return [
      el("dt", { id }, label),
      el("dd", {}, el("meter", { min: 0, max: 1, value, "aria-labelledby": id }),
        el("span", { class: "value" }, dutchNumber(value))),
    ];
  }));
}
