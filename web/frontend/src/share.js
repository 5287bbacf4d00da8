// The draft coalition as URL parameters (the shareable link and the export links).

/** URL parameters of a draft: lid (members), missie, provincie, thema. */
export function draftParams(draft) {
  const params = new URLSearchParams();
  draft.members.forEach((m) => params.append("lid", m.id));
  if (draft.mission) params.set("missie", draft.mission);
  if (draft.province) params.set("provincie", draft.province);
  draft.themes.forEach((t) => params.append("thema", t));
  return params;
}

/** The draft a shared link describes (members by id only), or null without members. */
export function draftFromParams(params) {
  const ids = params.getAll("lid");
  if (ids.length === 0) return null;
  return {
    mission: params.get("missie") || "", province: params.get("provincie") || "",
    themes: params.getAll("thema"), members: ids.map((id) => ({ id, name: id, kind: "" })),
  };
}
