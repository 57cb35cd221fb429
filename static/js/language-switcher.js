/* The language menu switches as soon as a language is chosen (the button is for no-JS only).
 * Kept out of the page as a file: the security policy allows no inline scripts or handlers. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var select = document.getElementById("language-select");
    if (!select) return;
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
