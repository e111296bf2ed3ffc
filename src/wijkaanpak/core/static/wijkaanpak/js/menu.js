// The header menu on phones (issue 15): without this script the menu is simply shown open;
// with it, a "Menu" button folds the links and account buttons away until asked for.
(function () {
  "use strict";
  var button = document.getElementById("app-menu-button");
  var menu = document.getElementById("app-menu");
  if (!button || !menu) {
    return;
  }
  document.documentElement.classList.add("app-js");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("app-header__menu--open", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      button.setAttribute("aria-expanded", "false");
      menu.classList.remove("app-header__menu--open");
      button.focus();
    }
  });
})();
