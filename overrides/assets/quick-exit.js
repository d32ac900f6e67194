// "Exit this page": a click, or Shift pressed three times within two seconds, hides the page at
// once and replaces it in the history with a neutral site, so Back does not return here.
(function () {
  var root = document.querySelector("[data-smh-exit]");
  if (!root) return;
  var url = root.getAttribute("data-exit-url");
  var overlay = root.querySelector(".smh-exit__overlay");
  function leave(event) {
    if (event) event.preventDefault();
    document.body.classList.add("smh-exiting");
    if (overlay) overlay.hidden = false;
    document.title = "…";
    window.location.replace(url);
  }
  root.querySelector(".smh-exit__button").addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 2000; });
    presses.push(now);
    if (presses.length >= 3) leave();
  });
})();
