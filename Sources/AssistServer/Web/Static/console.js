// AssistBroker console: live countdowns to SLA deadlines and the running billed-time timer.
// Pages work without it; it only keeps the shown times current.
"use strict";
(function () {
  var NEAR_SECONDS = 30 * 60;
  function span(seconds) {
    var s = Math.abs(Math.floor(seconds));
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    if (d > 0) return d + " д " + h + " ч";
    if (h > 0) return h + " ч " + (m < 10 ? "0" : "") + m + " мин";
    return m + " мин " + (s % 60 < 10 ? "0" : "") + (s % 60) + " с";
  }
  function clock(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    return h + ":" + (m < 10 ? "0" : "") + m + ":" + (r < 10 ? "0" : "") + r;
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll("time.countdown[datetime]").forEach(function (el) {
      var left = (Date.parse(el.getAttribute("datetime")) - now) / 1000;
      if (isNaN(left)) return;
      el.textContent = left >= 0 ? "через " + span(left) : "просрочено на " + span(left);
      var state = left < 0 ? "breached" : (left < NEAR_SECONDS ? "near" : "");
      el.classList.toggle("breached", state === "breached");
      el.classList.toggle("near", state === "near");
      var row = el.closest("tr");
      if (row) { row.classList.toggle("breached", state === "breached"); row.classList.toggle("near", state === "near"); }
    });
    document.querySelectorAll("time.elapsed[datetime]").forEach(function (el) {
      var since = Date.parse(el.getAttribute("datetime"));
      if (!isNaN(since)) el.textContent = clock((now - since) / 1000);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { tick(); setInterval(tick, 1000); });
})();
