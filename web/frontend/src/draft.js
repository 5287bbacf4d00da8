// The draft coalition: kept in localStorage so that it survives a reload, and as URL parameters
// so that it can be shared as a link.

const KEY = "ppsmatch.coalitie";

/** The draft: mission context and members ({id, name, kind, synthetic}). */
export function loadDraft() {
  try {
    const found = JSON.parse(localStorage.getItem(KEY) || "null");
    if (found && Array.isArray(found.members)) return { ...emptyDraft(), ...found };
  } catch {
    // A damaged entry (edited by hand) is replaced by an empty draft rather than breaking.
  }
  return emptyDraft();
}

export function saveDraft(draft) {
  localStorage.setItem(KEY, JSON.stringify(draft));
}

export function emptyDraft() {
  return { mission: "", province: "", themes: [], members: [] };
}

/** Add a member (once) and save; returns the draft. */
export function addMember(member) {
  const draft = loadDraft();
  if (!draft.members.some((m) => m.id === member.id)) {
    draft.members.push({ id: member.id, name: member.name, kind: member.kind,
      synthetic: Boolean(member.synthetic) });
    saveDraft(draft);
  }
  return draft;
}

/** Remove a member by id and save; returns the draft. */
export function removeMember(id) {
  const draft = loadDraft();
  draft.members = draft.members.filter((m) => m.id !== id);
  saveDraft(draft);
  return draft;
}
