// Building DOM nodes: text always goes in as textContent, so names can never become markup.

/** An element with attributes (null/false ones left out) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A number in Dutch notation with the given decimals (0,25). */
export function dutchNumber(value, decimals = 2) {
  return value.toLocaleString("nl-NL", {
    minimumFractionDigits: decimals, maximumFractionDigits: decimals,
  });
}

/** The "synthetisch" badge shown beside every generated organisation or pps. */
export function syntheticBadge() {
  return el("span", { class: "badge-synthetic", title: "gegenereerd, geen echte organisatie" },
    "synthetisch");
}
