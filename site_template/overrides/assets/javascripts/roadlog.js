// Progressive enhancement: every page is complete without JavaScript. With it:
// - a calendar too wide for the screen opens with today in view, fades at the edge that hides more
//   weeks and keeps its weekday labels in view while it scrolls;
// - a day's details (plan, entry, hours, commits) show under its calendar on a tap, a hover or
//   keyboard focus (one tab stop per calendar, arrow keys move between days);
// - opened from disk (file://), links to a folder open its index.html instead of a folder listing;
// - a code block that scrolls sideways is a tab stop on a touch screen too;
// - the feed links in <head> no longer make Material fetch sitemap.xml once each.
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var DAY_KEYS = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 };

  // Material's language selector reads every <link rel="alternate"> when the page has loaded
  // (DOMContentLoaded) and fetches sitemap.xml beside each one's address: three requests for the
  // Atom, RSS and JSON feed links, which are not languages. They step aside for that moment only:
  // the HTML keeps rel="alternate" for feed readers, and the DOM has it back a task later.
  function hideFeedsFromMaterial() {
    if (document.readyState !== "loading") return;
    var feeds = Array.prototype.slice.call(
      document.querySelectorAll('link[rel="alternate"][type]:not([hreflang])')
    );
    feeds.forEach(function (link) {
      link.setAttribute("rel", "roadlog-feed");
    });
    document.addEventListener("DOMContentLoaded", function () {
      setTimeout(function () {
        feeds.forEach(function (link) {
          link.setAttribute("rel", "alternate");
        });
      }, 0);
    });
  }

  // A site opened from disk has no server to turn "journal/" into "journal/index.html".
  function openFoldersOffline(root) {
    if (location.protocol !== "file:") return;
    root.querySelectorAll("a[href]").forEach(function (link) {
      var url;
      try {
        url = new URL(link.getAttribute("href"), document.baseURI);
      } catch (error) {
        return;
      }
      if (url.protocol !== "file:" || url.pathname.slice(-1) !== "/") return;
      url.pathname += "index.html";
      link.setAttribute("href", url.href);
    });
  }

  // Material makes a code block that scrolls sideways a tab stop only where there is a mouse (and
  // takes the tabindex away again on a touch screen); a phone with a keyboard needs it too (WCAG
  // 2.1.1), so it is put back whenever the block scrolls.
  function focusableCode(root) {
    root.querySelectorAll("pre > code").forEach(function (code) {
      if (code.hasAttribute("data-rl-ready")) return;
      code.setAttribute("data-rl-ready", "");
      function apply() {
        if (code.scrollWidth > code.clientWidth + 1 && code.getAttribute("tabindex") !== "0") {
          code.setAttribute("tabindex", "0");
        }
      }
      new MutationObserver(apply).observe(code, { attributes: true, attributeFilter: ["tabindex"] });
      if (window.ResizeObserver) new ResizeObserver(apply).observe(code);
      apply();
    });
  }

  function linkOf(cell) {
    var parent = cell.parentNode;
    return parent && parent.namespaceURI === SVG_NS && parent.localName === "a" ? parent : null;
  }

  function focusTarget(cell) {
    return linkOf(cell) || cell;
  }

  function titleLines(cell) {
    var title = cell.querySelector("title");
    return title ? title.textContent.split("\n") : [cell.getAttribute("data-date")];
  }

  function Calendar(wrap) {
    this.wrap = wrap;
    this.svg = wrap.querySelector("svg.rl-calendar");
    this.cells = Array.prototype.slice.call(this.svg.querySelectorAll("rect.rl-cell[data-date]"));
    this.rail = this.svg.querySelector(".rl-weekdays");
    this.selected = null;
    this.touch = false;
    this.wasSelected = false;
    this.details = document.createElement("div");
    this.details.className = "rl-day-details";
    wrap.insertAdjacentElement("afterend", this.details);
    var today = this.svg.querySelector(".rl-today");
    this.cells.forEach(function (cell) {
      if (!linkOf(cell)) cell.setAttribute("role", "img");
      focusTarget(cell).setAttribute("tabindex", "-1");
    });
    this.today = today;
    this.placed = false;
    this.current = today || this.cells[this.cells.length - 1];
    if (this.current) focusTarget(this.current).setAttribute("tabindex", "0");
    this.listen();
    // A ResizeObserver reports the first size by itself once the page is laid out: measuring
    // here would make the browser style the whole page once more, in the middle of loading.
    if (!window.ResizeObserver) this.resized();
  }

  // Also when a hidden calendar (another roadmap's panel) is shown: then it has a size to scroll.
  Calendar.prototype.resized = function () {
    var view = this.measure();
    if (!this.placed && view.scrolls) {
      this.placed = true;
      this.scrollTo(this.today, view);
      view = this.measure();
    }
    this.apply(view);
    if (!this.selected) this.showHint(view.scrolls);
  };

  Calendar.prototype.listen = function () {
    var self = this;
    var frame = 0;
    this.wrap.addEventListener(
      "scroll",
      function () {
        if (!frame) {
          frame = requestAnimationFrame(function () {
            frame = 0;
            self.apply(self.measure());
          });
        }
      },
      { passive: true }
    );
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        self.resized();
      }).observe(this.wrap);
    } else {
      window.addEventListener("resize", function () {
        self.resized();
      });
    }
    // Before the tap focuses the day (and so selects it): was it the selected day already?
    this.svg.addEventListener("pointerdown", function (event) {
      self.touch = event.pointerType !== "mouse";
      self.wasSelected = self.selected !== null && self.cellAt(event.target) === self.selected;
    });
    // A tap on a day shows its details; a second tap on the same day follows its link. A mouse
    // click or the Enter key (a click of detail 0) follows it at once.
    this.svg.addEventListener("click", function (event) {
      var cell = self.cellAt(event.target);
      var wasSelected = self.wasSelected;
      self.wasSelected = false;
      if (!cell) return;
      if (linkOf(cell) && (event.detail === 0 || !self.touch || wasSelected)) return;
      event.preventDefault();
      self.select(cell);
    });
    this.svg.addEventListener("mouseover", function (event) {
      var cell = self.cellAt(event.target);
      if (cell && !self.touch) self.show(cell);
    });
    this.svg.addEventListener("mouseleave", function () {
      if (self.selected) self.show(self.selected);
      else self.showHint();
    });
    // On the scroller, not the <svg>: Chrome makes an SVG element with a focus listener a tab stop.
    this.wrap.addEventListener("focusin", function (event) {
      var cell = self.cellAt(event.target);
      if (!cell) return;
      self.select(cell);
      self.reveal(cell);
    });
    this.svg.addEventListener("keydown", function (event) {
      var cell = self.cellAt(event.target);
      if (!cell || event.altKey || event.ctrlKey || event.metaKey) return;
      var index = self.cells.indexOf(cell);
      var next;
      if (event.key in DAY_KEYS) next = self.cells[index + DAY_KEYS[event.key]];
      else if (event.key === "Home") next = self.cells[0];
      else if (event.key === "End") next = self.cells[self.cells.length - 1];
      else return;
      event.preventDefault();
      if (next) focusTarget(next).focus();
    });
  };

  Calendar.prototype.cellAt = function (node) {
    while (node && node !== this.svg) {
      if (node.classList && node.classList.contains("rl-cell")) return node;
      if (node.localName === "a" && node.namespaceURI === SVG_NS) {
        return node.querySelector("rect.rl-cell");
      }
      node = node.parentNode;
    }
    return null;
  };

  Calendar.prototype.select = function (cell) {
    if (this.selected) this.selected.classList.remove("rl-selected");
    cell.classList.add("rl-selected");
    this.selected = cell;
    if (this.current && this.current !== cell) focusTarget(this.current).setAttribute("tabindex", "-1");
    focusTarget(cell).setAttribute("tabindex", "0");
    this.current = cell;
    this.show(cell);
  };

  Calendar.prototype.show = function (cell) {
    var lines = titleLines(cell);
    var head = lines[0];
    var colon = head.indexOf(": ");
    var heading = document.createElement("p");
    var date = document.createElement("strong");
    date.textContent = colon < 0 ? head : head.slice(0, colon);
    heading.appendChild(date);
    if (colon >= 0) heading.appendChild(document.createTextNode(" · " + head.slice(colon + 2)));
    var list = document.createElement("ul");
    var link = linkOf(cell);
    lines.slice(1).forEach(function (line) {
      var item = document.createElement("li");
      if (link && line.indexOf("Entry: ") === 0) {
        var anchor = document.createElement("a");
        anchor.href = link.getAttribute("href");
        anchor.textContent = line;
        item.appendChild(anchor);
        link = null; // the cell links to its first entry only
      } else {
        item.textContent = line;
      }
      list.appendChild(item);
    });
    this.details.replaceChildren(heading);
    if (list.childNodes.length) this.details.appendChild(list);
    openFoldersOffline(this.details);
  };

  Calendar.prototype.showHint = function (scrolls) {
    var more = scrolls === undefined ? this.scrolls() : scrolls;
    var hint = document.createElement("p");
    hint.className = "rl-hint";
    hint.textContent =
      (more ? "Scroll sideways for more weeks. " : "") +
      (matchMedia("(hover: none)").matches ? "Tap a day" : "Point at a day, or tab to the calendar and use the arrow keys,") +
      " to see its plan, entry, hours and commits.";
    this.details.replaceChildren(hint);
  };

  Calendar.prototype.scrolls = function () {
    return this.wrap.scrollWidth > this.wrap.clientWidth + 1;
  };

  // SVG units per CSS pixel, and the rail's right edge in pixels from the scroller's left.
  Calendar.prototype.geometry = function () {
    var box = this.svg.getBoundingClientRect();
    var scale = box.width ? this.svg.viewBox.baseVal.width / box.width : 1;
    var railRect = this.rail && this.rail.querySelector(".rl-rail");
    var railUnits = railRect ? railRect.width.baseVal.value : 0;
    return { box: box, scale: scale, rail: railUnits / scale };
  };

  // What the scroller shows now; read in one go, before anything is changed (see apply).
  Calendar.prototype.measure = function () {
    var wrap = this.wrap.getBoundingClientRect();
    var g = this.geometry();
    var hidden = Math.max(0, wrap.left + this.wrap.clientLeft - g.box.left);
    var scrolls = this.scrolls();
    return {
      wrap: wrap,
      rail: g.rail,
      shift: (hidden * g.scale).toFixed(2),
      scrolls: scrolls,
      before: scrolls && hidden > 1,
      after: scrolls && g.box.right > wrap.right + 1,
    };
  };

  // Slide the weekday rail along and fade the edges that hide more weeks. Only what changed is
  // written: each change makes the browser style the calendar's hundreds of cells again.
  Calendar.prototype.apply = function (view) {
    var shown = this.shown || {};
    if (this.rail && view.shift !== shown.shift) {
      this.rail.setAttribute("transform", "translate(" + view.shift + " 0)");
    }
    var list = this.wrap.classList;
    if (view.scrolls !== shown.scrolls) list.toggle("rl-scrolls", view.scrolls);
    if (view.before !== shown.before) list.toggle("rl-more-before", view.before);
    if (view.after !== shown.after) list.toggle("rl-more-after", view.after);
    var rail = view.rail.toFixed(1) + "px";
    if (rail !== shown.railWidth) this.wrap.style.setProperty("--rl-rail", rail);
    view.railWidth = rail;
    this.shown = view;
  };

  // Scroll so that `cell` sits in the middle of what the rail leaves visible.
  Calendar.prototype.scrollTo = function (cell, view) {
    if (!cell || !view.scrolls) return;
    var box = cell.getBoundingClientRect();
    var middle = view.wrap.left + view.rail + (view.wrap.width - view.rail) / 2;
    this.wrap.scrollLeft += box.left + box.width / 2 - middle;
  };

  // Keep a focused day out from under the weekday rail and inside the scroller.
  Calendar.prototype.reveal = function (cell) {
    var wrap = this.wrap.getBoundingClientRect();
    var rail = this.geometry().rail;
    var box = cell.getBoundingClientRect();
    var margin = box.width;
    if (box.left < wrap.left + rail + margin) {
      this.wrap.scrollLeft -= wrap.left + rail + margin - box.left;
    } else if (box.right > wrap.right - margin) {
      this.wrap.scrollLeft += box.right - (wrap.right - margin);
    }
  };

  function enhance() {
    openFoldersOffline(document);
    focusableCode(document);
    document.querySelectorAll(".rl-calendar-wrap").forEach(function (wrap) {
      if (wrap.hasAttribute("data-rl-ready") || !wrap.querySelector("svg.rl-calendar")) return;
      wrap.setAttribute("data-rl-ready", "");
      new Calendar(wrap);
    });
  }

  hideFeedsFromMaterial();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
