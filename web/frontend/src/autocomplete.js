// Autocomplete fields (tom-select): themes by Dutch or English label or synonym, and
// organisations by part of their name (asked from /api/organisations as the user types).
import TomSelect from "tom-select";
import { callApi } from "./api.js";
import { KIND_NL } from "./labels.js";

const COMMON = { plugins: ["remove_button"], maxOptions: 30, hidePlaceholder: true };

/** Turn the theme <select multiple> into an autocomplete over labels and synonyms. */
export function themePicker(select) {
  const options = [...select.options].map((option) => ({
    value: option.value, text: option.text, label_en: option.dataset.labelEn || "",
    synonyms: option.dataset.synonyms || "",
  }));
  return new TomSelect(select, {
    ...COMMON, options, searchField: ["text", "label_en", "synonyms"],
    placeholder: "thema zoeken",
    render: {
      option: (item, escape) => `<div>${escape(item.text)}` +
        (item.label_en ? ` <small lang="en">${escape(item.label_en)}</small>` : "") + "</div>",
      no_results: () => '<div class="no-results">Geen thema gevonden</div>',
    },
  });
}

/** Turn a <select multiple> of gemeenten ("Naam (Provincie)", data-province) into an
 * autocomplete that offers only the gemeenten of the province chosen in `provinceSelect`. */
export function gemeentePicker(select, provinceSelect) {
  const all = [...select.options].map((option) => ({
    value: option.value, text: option.text, province: option.dataset.province,
  }));
  const picker = new TomSelect(select, {
    ...COMMON, placeholder: "gemeente zoeken",
    render: { no_results: () => '<div class="no-results">Geen gemeente gevonden</div>' },
  });
  // A gemeente outside the chosen province would ask for two regions at once: it is dropped.
  const restrict = () => {
    const province = provinceSelect.value;
    const allowed = all.filter((g) => !province || g.province === province);
    [...picker.items].filter((v) => !allowed.some((g) => g.value === v))
      .forEach((v) => picker.removeItem(v, true));
    picker.clearOptions();
    picker.addOptions(allowed);
  };
  provinceSelect.addEventListener("change", restrict);
  restrict();
  return picker;
}

/** Turn an organisation <select multiple> into a name search; `members` are preselected. */
export function organisationPicker(select, members) {
  return new TomSelect(select, {
    ...COMMON, valueField: "id", labelField: "name", searchField: ["name"],
    options: members, items: members.map((m) => m.id), placeholder: "naam van een organisatie",
    shouldLoad: (query) => query.length >= 2,
    load: (query, done) => {
      callApi(`/api/organisations?text=${encodeURIComponent(query)}&limit=20`)
        .then((page) => done(page.items))
        .catch(() => done());
    },
    render: {
      option: (item, escape) => `<div>${escape(item.name)} <small>${escape(KIND_NL[item.kind] || item.kind)}` +
        (item.synthetic ? " · synthetisch" : "") + "</small></div>",
      no_results: () => '<div class="no-results">Geen organisatie gevonden</div>',
    },
  });
}
