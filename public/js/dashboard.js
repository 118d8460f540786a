// Draws the 30-day sales chart from the data attribute (the table below it has the same figures).
(function () {
  'use strict';
  var canvas = document.getElementById('sales-chart');
  if (!canvas || !window.Chart) return;
  var data = JSON.parse(canvas.getAttribute('data-chart'));
  new window.Chart(canvas, {
    type: 'bar',
    data: { labels: data.labels, datasets: [{ label: data.label, data: data.revenue, backgroundColor: '#0b5cad' }] },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: {
        y: {
          beginAtZero: true,
          ticks: {
            callback: function (v) {
              return '$' + v;
            },
          },
        },
      },
    },
  });
})();
