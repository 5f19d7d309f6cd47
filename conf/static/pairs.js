// 中英对照: the other language beneath each element of the page, loaded when a reader turns it on
// (the toggle and the choice are in site.js).  The build wrote, for each language, the HTML of
// every element it translates, numbered the same in every language (socksite.pairs): an element
// with the class pair-N gets the other language's element N beneath it, marked with its language.

const cache = new Map();

/** The other language's pairs: the language the reader last chose, else the first there is. */
function source(sources) {
  let chosen = null;
  try {
    chosen = localStorage.getItem("socksite-language");
  } catch (error) {
    // No storage: take the first.
  }
  const folder = chosen in sources ? chosen : Object.keys(sources)[0];
  const url = new URL(sources[folder], window.location.href).href;
  if (!cache.has(url)) {
    cache.set(
      url,
      fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      }),
    );
  }
  return cache.get(url);
}

function stylesheet() {
  const href = new URL("pairs.css", import.meta.url).href;
  if (document.querySelector(`link[href="${href}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.append(link);
}

/** The element that carries the other language's text of *element*. */
function counterpart(element, html, data) {
  let other;
  if (element.matches("div[class*='highlight-']")) {
    // An example: the whole block, with its comments in the other language.
    other = document.createElement("div");
    other.className = "pair-other pair-example";
    const label = document.createElement("p");
    label.className = "pair-example-label";
    label.textContent = data.example;
    other.append(label);
    other.insertAdjacentHTML("beforeend", html);
  } else {
    // Inside a term or a table cell, a block of its own; after anything else.
    const inside = element.matches("dt, th, td, caption");
    other = document.createElement(inside ? "span" : "p");
    other.className = "pair-other";
    other.innerHTML = html;
  }
  other.lang = data.lang;
  return other;
}

export async function show(on, sources) {
  const article = document.querySelector("article") || document.body;
  for (const other of article.querySelectorAll(".pair-other")) other.remove();
  document.documentElement.classList.toggle("pairs-shown", on);
  if (!on) return;
  stylesheet();
  const data = await source(sources);
  // The reader may have turned it off while the text was on its way.
  if (!document.documentElement.classList.contains("pairs-shown")) return;
  for (const element of article.querySelectorAll("[class*='pair-']")) {
    const number = element.className.match(/\bpair-(\d+)\b/)?.[1];
    const html = number && data.pairs[number];
    if (!html) continue;
    const other = counterpart(element, html, data);
    if (other.localName === "span") element.append(other);
    else element.after(other);
  }
}
