// Organisatie: "zoek partners voor deze organisatie" puts it in the draft coalition first.
import { addMember } from "./draft.js";

export function start() {
  const form = document.getElementById("search-partners");
  form.addEventListener("submit", () => addMember(JSON.parse(form.dataset.member)));
}
