/* The language menu switches as soon as a language is chosen (the button is for no-JS only).
 * A file, not an inline handler: the security policy allows no inline scripts. Loaded without
 * `defer` and listening on the document, so it works from the moment the menu is on screen,
 * before deferred scripts have run, as the inline handler did. */
document.addEventListener("change", function (event) {
  "use strict";
  var select = event.target;
  if (select && select.id === "language-select" && select.form) select.form.submit();
});
