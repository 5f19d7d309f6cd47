/*
 * socksite's search scorer (html_search_scorer): Sphinx's default weights,
 * plus one rule — a page whose own title is mostly the query ranks first.
 * Without it, a query such as 套接字 that every page mentions is ordered
 * alphabetically, and "Creating a socket" comes last.
 */
var Scorer = {
  score: (result) => {
    const [docname, title, anchor, descr, score] = result;
    const query = new URLSearchParams(window.location.search).get("q") || "";
    const words = splitQuery(query.toLowerCase()).filter((word) => word.length > 1);
    const pageTitle = String(title).split(" > ")[0].toLowerCase();
    if (!words.length || !words.every((word) => pageTitle.includes(word))) return score;
    const covered = words.reduce((sum, word) => sum + word.length, 0);
    return score + Math.round((20 * covered) / Math.max(pageTitle.length, 1));
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
