// The gap chart of the competency page (templates/competency/employee.html): the
// position's standard beside the latest assessed level and the supervisor's view, per
// competency, drawn with the vendored Chart.js. The numbers come from a json_script
// element (the Content-Security-Policy refuses inline scripts); the same numbers are in
// the table under the chart.
(function () {
  var source = document.getElementById("competency-gap-chart");
  var canvas = document.querySelector("canvas[data-gap-chart]");
  if (!source || !canvas || !window.Chart) return;
  var chart = JSON.parse(source.textContent);
  canvas.parentNode.style.height = (6 + 2.2 * chart.labels.length) + "rem";
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: chart.labels,
      datasets: [
        {label: chart.required_label, data: chart.required, backgroundColor: "#9e9e9e"},
        {label: chart.current_label, data: chart.current, backgroundColor: "#2e7d5b"},
        {label: chart.supervisor_label, data: chart.supervisor, backgroundColor: "#e0a526"}
      ]
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {x: {beginAtZero: true, max: 5, ticks: {stepSize: 1}}}
    }
  });
  canvas.setAttribute("data-drawn", "true");
})();
