/* Bar charts of the dashboard's tables, drawn with ECharts from the tables themselves.
 *
 * The table stays the accessible source (screen readers, keyboard, copy and paste); the
 * chart beside it is the same numbers drawn, hidden from assistive technology. Each row
 * carries its raw number in data-value, so the chart never parses localised digits.
 * Right-to-left pages put the labels on the right and grow the bars leftwards; numbers are
 * shown in the page language's digits (Intl). */
(function () {
  "use strict";

  var BAR = "#2f6f9f";
  var ROW_HEIGHT = 42; // px per bar: room for a label broken over two lines

  function rowsOf(table) {
    var rows = [];
    table.querySelectorAll("tbody tr[data-value]").forEach(function (tr) {
      var value = parseFloat(tr.dataset.value);
      var label = tr.querySelector("th[scope=row]");
      if (!isNaN(value) && label) rows.push({ label: label.textContent.trim(), value: value });
    });
    return rows;
  }

  function draw(table, numbers, rtl, font) {
    var rows = rowsOf(table);
    if (!rows.length) return null;
    var holder = document.createElement("div");
    holder.className = "dashboard-chart";
    holder.setAttribute("aria-hidden", "true");
    // ECharts places text by its own coordinates; an inherited rtl direction would flip each
    // label's anchor onto the bars. The mirroring for RTL is done below, in the options.
    holder.dir = "ltr";
    holder.style.height = 24 + rows.length * ROW_HEIGHT + "px";
    table.closest(".table-scroll").before(holder);
    table.classList.add("charted"); // the chart replaces the bars drawn in the table
    var chart = echarts.init(holder, null, { renderer: "svg" });
    // Categories read top to bottom as the table does: ECharts draws the first at the bottom.
    var labels = rows.map(function (r) { return r.label; }).reverse();
    var values = rows.map(function (r) { return r.value; }).reverse();
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: font },
      // Room on the far side for the number at the end of the longest bar.
      grid: { top: 4, bottom: 4, left: rtl ? 48 : 8, right: rtl ? 8 : 48, containLabel: true },
      xAxis: { type: "value", inverse: rtl, show: false },
      yAxis: {
        type: "category", data: labels, position: rtl ? "right" : "left",
        axisTick: { show: false },
        axisLabel: { width: 130, overflow: "break", lineHeight: 15, fontSize: 13, color: "#1f2933" },
      },
      series: [{
        type: "bar", data: values, barMaxWidth: 20, itemStyle: { color: BAR },
        label: {
          show: true, position: rtl ? "left" : "right", fontSize: 12, color: "#1f2933",
          formatter: function (p) { return numbers.format(p.value); },
        },
      }],
    });
    return chart;
  }

  function start() {
    if (!window.echarts) return;
    var rtl = document.documentElement.dir === "rtl";
    var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    var font = getComputedStyle(document.body).fontFamily;
    var charts = [];
    document.querySelectorAll("table.dashboard-table[data-chart]").forEach(function (table) {
      var chart = draw(table, numbers, rtl, font);
      if (chart) charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
