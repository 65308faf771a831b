// The dashboard's charts (templates/recap/dashboard.html), drawn with the vendored
// Chart.js. The numbers come from a <script type="application/json"> element written by
// Django's json_script (no inline script: the Content-Security-Policy refuses it); the
// same numbers are in the table under each chart. <canvas data-chart="KEY"> draws
// KEY's series; data-axis="y" draws horizontal bars, one row per label.
(function () {
  var source = document.getElementById("dashboard-charts");
  if (!source || !window.Chart) return;
  var charts = JSON.parse(source.textContent);
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var series = charts[canvas.getAttribute("data-chart")];
    if (!series) return;
    var horizontal = canvas.getAttribute("data-axis") === "y";
    if (horizontal) {
      // A row of 1.75rem per label: setting a size from a script is allowed by the policy.
      canvas.parentNode.style.height = (4 + 1.75 * series.labels.length) + "rem";
    }
    var valueAxis = {beginAtZero: true};
    if (series.max) valueAxis.max = series.max;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: series.labels,
        datasets: [{label: series.label, data: series.values, backgroundColor: "#2e7d5b"}]
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {legend: {display: false}},
        scales: horizontal ? {x: valueAxis} : {y: valueAxis}
      }
    });
    canvas.setAttribute("data-drawn", "true");
  });
})();
