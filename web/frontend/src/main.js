// Entry of the browser bundle: loads the module of the page named by <body data-page>.
const pages = {
  mission: () => import("./mission.js"),
  coalition: () => import("./coalition.js"),
  organisation: () => import("./organisation.js"),
  "network-map": () => import("./network.js"),
};

const page = document.body.dataset.page;
if (page && pages[page]) {
  pages[page]().then((module) => module.start());
}
