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
