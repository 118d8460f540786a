// Draws the report's chart from its data attribute; the tables below hold the same figures.
(function () {
  'use strict';
  var canvas = document.getElementById('report-chart');
  if (!canvas || !window.Chart) return;
  var c = JSON.parse(canvas.getAttribute('data-chart'));
  var colours = ['#0b5cad', '#f5a623', '#11683a'];
  new window.Chart(canvas, {
    type: c.type,
    data: {
      labels: c.labels,
      datasets: c.series.map(function (s, i) {
        return { label: s.label, data: s.data, backgroundColor: colours[i % 3], borderColor: colours[i % 3] };
      }),
    },
    options: { responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  });
})();
