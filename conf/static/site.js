// The site's script: the language switcher keeps the reader's place, copy buttons say what they
// copy, the sidebar shows the current page, and the 404 page finds pages by their old addresses.
// The words it says come from the page (#site-data), in the page's language.
// One function: nothing of it lands in the global scope the theme's scripts share.
(() => {
  "use strict";
  const siteData = JSON.parse(document.getElementById("site-data")?.textContent || "{}");

  // -- Language switcher ---------------------------------------------------------------------------
  // The sections have the same ids in every language, so the other language's page can open at the
  // section the reader is in.  The links' href is kept current, so that a middle-click or "copy
  // link" takes the place along too, not only a click.

  /** The fragment ("#id" or "") of the place the reader is at. */
  function readersPlace() {
    if (window.location.hash) {
      // A target the reader came to (or clicked) counts while it is on screen.
      const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      const box = target?.getBoundingClientRect();
      if (box && box.bottom > 0 && box.top < window.innerHeight) return window.location.hash;
    }
    // Otherwise the last section whose heading has reached the upper quarter of the window.
    const line = window.innerHeight / 4;
    let current = null;
    for (const section of document.querySelectorAll("article section[id]")) {
      if (section.getBoundingClientRect().top > line) break;
      current = section;
    }
    // At the page's own (first) section the reader is at the top: no fragment.
    const first = document.querySelector("article section[id]");
    return current && current !== first ? `#${current.id}` : "";
  }

  /** Point the language links at *place*, keeping this page's query (the search page keeps its search). */
  function pointLanguageLinksAt(place) {
    for (const link of document.querySelectorAll("a.language-link[data-same-page]")) {
      const page = link.getAttribute("href").split(/[?#]/)[0];
      link.setAttribute("href", page + window.location.search + place);
    }
  }

  // A #fragment the reader came to stays the place until they move on themselves (wheel, touch,
  // keys): the jump to it scrolls smoothly, and until that ends its target is not on screen yet.
  // Otherwise the place is settled each time scrolling stops.
  let place = window.location.hash;
  let readerMoved = !place;
  let settling = null;
  function settlePlace() {
    if (!readerMoved) return;
    place = readersPlace();
    pointLanguageLinksAt(place);
  }
  for (const type of ["wheel", "touchmove", "keydown", "pointerdown"]) {
    document.addEventListener(type, () => { readerMoved = true; }, { passive: true, capture: true });
  }
  document.addEventListener(
    "scroll",
    () => {
      clearTimeout(settling);
      settling = setTimeout(settlePlace, 150);
    },
    { passive: true },
  );
  window.addEventListener("hashchange", () => {
    place = window.location.hash;
    readerMoved = !place;
    pointLanguageLinksAt(place);
  });

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.language-link");
    if (!link) return;
    // The address may have changed without a load (the search page keeps its query there).
    pointLanguageLinksAt(place);
    try {
      // The site's root page opens this language next time.
      localStorage.setItem("socksite-language", link.dataset.language);
    } catch (error) {
      // Storage can be disabled; switching still works, it is just not remembered.
    }
  });

  // -- Copy buttons --------------------------------------------------------------------------------
  // sphinx-copybutton gives every button the same name ("Copy to clipboard"); say what each copies:
  // the console block's button copies only the command after the "$ " prompt.

  function nameCopyButtons() {
    const buttons = document.querySelectorAll("button.copybtn:not([aria-label])");
    for (const button of buttons) {
      const command = button.closest(".highlight-console, .highlight-shell-session");
      const name = command ? siteData.copyCommand : siteData.copyCode;
      if (name) button.setAttribute("aria-label", name);
    }
    return buttons.length > 0;
  }

  // The buttons are added by sphinx-copybutton once the page has loaded.
  if (document.querySelector("div.highlight pre") && !nameCopyButtons()) {
    const observer = new MutationObserver(() => {
      if (nameCopyButtons()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }

  // -- Sidebar ---------------------------------------------------------------------------------------
  // Scroll the site's navigation (not the page) so that the current page's entry is in view.

  function showCurrentPageInSidebar() {
    const scroller = document.querySelector(".sidebar-scroll");
    const current = scroller?.querySelector(".current-page > a");
    if (!current) return;
    const outer = scroller.getBoundingClientRect();
    const inner = current.getBoundingClientRect();
    if (inner.top >= outer.top && inner.bottom <= outer.bottom) return;
    const top = scroller.scrollTop + inner.top - outer.top - (outer.height - inner.height) / 2;
    scroller.scrollTo({ top, behavior: "instant" });
  }

  // -- 404 page --------------------------------------------------------------------------------------
  // An address in the style of Python's documentation, such as library/socket.html#socket.socket.bind,
  // names an object by its id; the ids are the same here, and objects.inv says which page has it.

  async function inventory(url) {
    const response = await fetch(url);
    if (!response.ok) return [];
    const bytes = new Uint8Array(await response.arrayBuffer());
    // Four lines of header, then the entries, zlib-compressed.
    let start = 0;
    for (let line = 0; line < 4; line++) start = bytes.indexOf(10, start) + 1;
    const stream = new Blob([bytes.slice(start)]).stream().pipeThrough(new DecompressionStream("deflate"));
    const text = await new Response(stream).text();
    // name domain:role priority uri display-name
    const entry = /^(.+?)\s+(\S+):(\S+)\s+(-?\d+)\s+(\S*)\s+(.*)$/;
    return text.split("\n").map((line) => line.match(entry)).filter(Boolean);
  }

  async function findMovedPage() {
    const notFound = siteData.notFound;
    const wanted = decodeURIComponent(window.location.hash.slice(1));
    if (!notFound || !wanted) return;
    // The language whose folder the address is in, else the language of this 404 page.
    const path = window.location.pathname;
    const folders = Object.keys(notFound.roots);
    const folder = folders.find((key) => path.startsWith(notFound.roots[key])) || notFound.own;
    const root = notFound.roots[folder];
    const entries = await inventory(`${root}objects.inv`);
    const found = entries.find(([, name, domain]) => domain === "py" && name === wanted);
    if (found) {
      const uri = found[5].endsWith("$") ? found[5].slice(0, -1) + wanted : found[5];
      window.location.replace(root + uri);
    }
  }

  // -- 中英对照 ----------------------------------------------------------------------------------------
  // The toggle beside the language links shows the other language beneath each element.  The code
  // that does it (_static/pairs.js) and the other language's text load only when a reader asks; the
  // choice is remembered across pages and visits.

  const pairsModule = new URL("pairs.js", document.currentScript?.src || window.location.href).href;
  const PAIRS_KEY = "socksite-pairs";
  let pairsShown = false;

  async function showPairs(on) {
    for (const button of document.querySelectorAll("button.pair-toggle")) {
      button.setAttribute("aria-pressed", String(on));
    }
    if (!on && !pairsShown) return;
    pairsShown = on;
    const pairs = await import(pairsModule);
    await pairs.show(on, siteData.pairs);
  }

  function startPairs() {
    if (!siteData.pairs) return;
    for (const button of document.querySelectorAll("button.pair-toggle")) {
      button.hidden = false;
      button.addEventListener("click", () => {
        const on = button.getAttribute("aria-pressed") !== "true";
        try {
          localStorage.setItem(PAIRS_KEY, on ? "on" : "off");
        } catch (error) {
          // Without storage the choice holds for this page only.
        }
        showPairs(on);
      });
    }
    let remembered = null;
    try {
      remembered = localStorage.getItem(PAIRS_KEY);
    } catch (error) {
      // As above.
    }
    if (remembered === "on") showPairs(true);
  }

  // -- Start -----------------------------------------------------------------------------------------

  function start() {
    if (window.location.hash) pointLanguageLinksAt(place);
    else settlePlace();
    showCurrentPageInSidebar();
    startPairs();
    findMovedPage().catch(() => {
      // No inventory (or no DecompressionStream): the 404 page stays, with its links.
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
