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

// Colours of the network map per kind (colour-blind safe, Okabe-Ito), pps'en dark.
export const KIND_COLOURS = {
  pps: "#000000", hbo: "#0072B2", mbo: "#56B4E9", wo: "#CC79A7", company: "#E69F00",
  government: "#009E73", board: "#D55E00", knowledge_institute: "#F0E442", other: "#999999",
};
