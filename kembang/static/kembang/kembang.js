// Confirmation before destructive actions: <form data-confirm="...">.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
// A form submitted twice (double click) sends one request.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented) return;
  if (form.dataset.submitted) { event.preventDefault(); return; }
  form.dataset.submitted = "1";
  setTimeout(function () { delete form.dataset.submitted; }, 5000);
});
// The Content-Security-Policy (kembang/common/middleware.py) refuses inline handlers and
// style attributes, so templates mark behaviour with data- attributes handled here.

// <button data-print>: print the page.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) window.print();
});
// <button data-resubmit form="...">: a download button may send its form again at once,
// past the double-submission guard above (one download per format, one after another).
// Click runs before the submit event, so the guard sees the cleared flag.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-resubmit]");
  if (button && button.form) delete button.form.dataset.submitted;
});
// <select data-autosubmit>: choosing an option reloads the page for it. form.submit()
// fires no submit event, as the inline handler it replaces did.
document.addEventListener("change", function (event) {
  var field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
// <input type="checkbox" data-select-all="NAME">: ticks or clears every NAME checkbox of
// its form (of the page when it has no form).
document.addEventListener("change", function (event) {
  var master = event.target.closest("[data-select-all]");
  if (!master) return;
  var name = master.getAttribute("data-select-all");
  var boxes = master.form ? master.form.elements : document.querySelectorAll("input");
  Array.prototype.forEach.call(boxes, function (box) {
    if (box.type === "checkbox" && box.name === name) box.checked = master.checked;
  });
});
// Sizes that depend on data: setting element.style from a script is allowed, a style
// attribute in the HTML is not. data-progress="42" is a bar's width in percent (clamped
// to 0-100); data-indent="2" a left padding in rem (the depth in the unit tree).
function kembangApplySizes(root) {
  var found = Array.prototype.slice.call(root.querySelectorAll("[data-progress], [data-indent]"));
  if (root.matches && root.matches("[data-progress], [data-indent]")) found.push(root);
  found.forEach(function (el) {
    var progress = parseFloat(el.getAttribute("data-progress"));
    if (!isNaN(progress)) el.style.width = Math.min(100, Math.max(0, progress)) + "%";
    var indent = parseFloat(el.getAttribute("data-indent"));
    if (!isNaN(indent)) el.style.paddingLeft = Math.max(0, indent) + "rem";
  });
}
kembangApplySizes(document);
// htmx fires htmx:load on every piece of content it swaps in (the import progress bar).
document.addEventListener("htmx:load", function (event) { kembangApplySizes(event.target); });
