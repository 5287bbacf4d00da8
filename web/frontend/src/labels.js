// Dutch labels the browser modules show (the pages' server-side labels live in web/pages).

export const KINDS_NL = {
  mbo: "mbo-instellingen", hbo: "hogescholen", wo: "universiteiten", company: "bedrijven",
  government: "overheden", board: "economic boards", knowledge_institute: "kennisinstellingen",
  other: "overige",
};

export const KIND_NL = {
  mbo: "mbo-instelling", hbo: "hogeschool", wo: "universiteit", company: "bedrijf",
  government: "overheid", board: "economic board", knowledge_institute: "kennisinstelling",
  other: "overig",
};

export const SIGNALS_NL = {
  theme_fit: "Thema", text_fit: "Tekst", region_fit: "Regio", network_fit: "Netwerk",
  experience: "Ervaring",
};
