// Language switcher: keep the reader's place (#anchor) when they switch, and
// remember the choice, so the site's root page opens the same language next time.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.language-link");
  if (!link) return;
  try {
    localStorage.setItem("socksite-language", link.dataset.language);
  } catch (error) {
    // Storage can be disabled; switching still works, it is just not remembered.
  }
  if (window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});
