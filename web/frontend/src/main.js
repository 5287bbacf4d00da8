// Entry of the browser bundle: runs the module of the page named by <body data-page>.
const pages = {};

const page = document.body.dataset.page;
if (page && pages[page]) {
  pages[page]();
}
