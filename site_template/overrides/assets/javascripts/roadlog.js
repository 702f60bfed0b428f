// Progressive enhancement: the calendars are complete without JavaScript. With it, a calendar too wide
// for the screen opens with today's column in view instead of at one end.
(function () {
  function centreToday() {
    document.querySelectorAll(".rl-calendar-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth <= wrap.clientWidth) return;
      var today = wrap.querySelector(".rl-today");
      if (!today) return;
      var cell = today.getBoundingClientRect();
      var box = wrap.getBoundingClientRect();
      wrap.scrollLeft += cell.left + cell.width / 2 - (box.left + box.width / 2);
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(centreToday); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", centreToday);
  } else {
    centreToday();
  }
})();
