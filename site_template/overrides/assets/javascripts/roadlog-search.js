// Roadlog's search: Material's search dialog (partials/search.html), answered by Pagefind.
// Nothing is downloaded until the visitor opens the search; then Pagefind's code loads, and each
// query fetches only the index chunks it needs and the excerpts of the results shown. Keys as in Material: / s f open the search,
// arrows move through the results, Enter opens one, Escape closes.
(function () {
  "use strict";
  var dialog = document.querySelector("[data-rl-search]");
  var toggle = document.getElementById("__search");
  if (!dialog || !toggle) return;
  var input = dialog.querySelector(".md-search__input");
  var form = dialog.querySelector(".md-search__form");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var scroller = dialog.querySelector(".md-search__scrollwrap");
  var base = dialog.getAttribute("data-rl-base") || ".";
  // Absolute once, so that it stays right however the page's address changes later.
  var root = new URL(base.replace(/\/?$/, "/"), location.href);
  // Results whose excerpts load at a time: as many as a browser fetches at once from one server (6).
  var BATCH = 6;
  var pagefind = null; // the loaded module, a promise
  var ready = false; // whether Pagefind has loaded
  var results = []; // the current query's results, their data loaded BATCH at a time
  var query = ""; // the query the results answer
  var loading = false;
  var searching = false; // a query is being searched
  var waiting = null; // the query typed meanwhile, searched next

  function text(name) {
    return dialog.getAttribute("data-rl-" + name) || "";
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (module) {
        // Pagefind's URLs start at the site's root: the site may live under a path (/repo/).
        return module.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          return module.init ? module.init() : null;
        }).then(function () {
          // Pagefind's worker loads its WebAssembly and the index's metadata on the first request
          // that needs them: asked now (the site has no filters: a cheap one), they load while the
          // visitor types, not after.
          return module.filters ? module.filters() : null;
        }).then(function () {
          ready = true;
          dialog.setAttribute("data-rl-ready", ""); // for a benchmark to know when a visitor could type
          return module;
        });
      });
      pagefind.catch(function () {
        pagefind = null; // try again at the next query
      });
    }
    return pagefind;
  }

  function count(number) {
    if (number === 0) return text("none");
    if (number === 1) return text("one");
    return text("other").replace("#", String(number));
  }

  function element(tag, className) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    return node;
  }

  // Pagefind's excerpt is the page's text with < and > escaped and the matches in <mark>:
  // rebuilt as text nodes and <mark> elements, never parsed as HTML.
  function appendExcerpt(parent, excerpt) {
    var marked = false;
    (excerpt || "").split(/(<\/?mark>)/).forEach(function (part) {
      if (part === "<mark>" || part === "</mark>") {
        marked = part === "<mark>";
        return;
      }
      if (!part) return;
      var words = document.createTextNode(part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      if (marked) {
        var mark = element("mark");
        mark.appendChild(words);
        parent.appendChild(mark);
      } else {
        parent.appendChild(words);
      }
    });
  }

  function render(data) {
    var item = element("li", "md-search-result__item");
    var link = element("a", "md-search-result__link");
    link.href = data.url;
    link.tabIndex = -1;
    var article = element("article", "md-search-result__article md-typeset");
    article.appendChild(element("div", "md-search-result__icon md-icon"));
    var title = element("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    var label = data.meta && (data.meta.date || data.meta.kind);
    if (label) {
      var line = element("p", "rl-search-meta");
      line.textContent = label;
      article.appendChild(line);
    }
    var excerpt = element("p", "rl-search-excerpt");
    appendExcerpt(excerpt, data.excerpt);
    article.appendChild(excerpt);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  // The data (title, date, excerpt) of `batch`, each loaded by Pagefind on demand.
  function fetchData(batch) {
    return Promise.all(batch.map(function (result) {
      return result.data();
    }));
  }

  // More results while the list does not fill the box: a tall screen shows more than a batch.
  function fill() {
    if (!scroller.clientHeight || scroller.scrollHeight > scroller.clientHeight + 80) {
      return Promise.resolve();
    }
    var shown = list.children.length;
    return more().then(function () {
      if (list.children.length > shown) return fill();
    });
  }

  // The next BATCH results of the current query, when the list is scrolled (or arrowed) to its end.
  function more() {
    if (loading || list.children.length >= results.length) return Promise.resolve();
    loading = true;
    var asked = query;
    var batch = results.slice(list.children.length, list.children.length + BATCH);
    return fetchData(batch).then(function (found) {
      if (asked === query) found.forEach(function (data) {
        list.appendChild(render(data));
      });
    }).catch(function (error) {
      console.warn("Roadlog search: more results could not be loaded", error);
    }).finally(function () {
      loading = false;
    });
  }

  // The count and the first results of a query, shown together.
  function show(found, first) {
    results = found;
    list.textContent = "";
    meta.textContent = count(found.length);
    first.forEach(function (data) {
      list.appendChild(render(data));
    });
    scroller.scrollTop = 0;
  }

  function search(value) {
    query = value;
    if (!value.trim()) {
      show([], []);
      meta.textContent = text("placeholder");
      return Promise.resolve();
    }
    if (!ready) meta.textContent = text("initializer");
    // Answers come back out of order: each shows only if the box still says what it answers.
    function current() {
      return value === query && value === input.value;
    }
    return load().then(function (module) {
      return module.search(value);
    }).then(function (found) {
      if (!current()) return;
      return fetchData(found.results.slice(0, BATCH)).then(function (first) {
        if (!current()) return;
        show(found.results, first);
        fill();
      });
    }).catch(function (error) {
      if (!current()) return;
      show([], []);
      console.warn("Roadlog search: the search index could not be loaded", error);
    });
  }

  function setOpen(open) {
    if (toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function open() {
    setOpen(true);
    input.focus();
    input.select();
  }

  function close() {
    setOpen(false);
    input.blur();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  // Keys typed into a field are the visitor's text; a radio button (the colour scheme toggle)
  // takes only the arrows, as in Material.
  function typing(target) {
    if (!target || !target.tagName) return false;
    if (target.tagName === "INPUT") return !/^(radio|checkbox|button|submit|reset)$/.test(target.type);
    return /^(TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable;
  }

  // A query is searched at once; one typed while another is being searched waits for it, and only
  // the latest of those is searched then. Results follow the typing without a fixed delay, and
  // fast typing never queues searches up (a common word takes Pagefind a few hundred ms on years
  // of entries).
  function searchSoon(value) {
    if (searching) {
      waiting = value;
      return;
    }
    searching = true;
    search(value).then(function () {
      searching = false;
      if (waiting !== null) {
        var next = waiting;
        waiting = null;
        searchSoon(next);
      }
    });
  }

  input.addEventListener("input", function () {
    var value = input.value;
    // Each keystroke fetches the index chunks of the words typed so far, even while an earlier
    // query is being searched.
    load().then(function (module) {
      if (value.trim() && module.preload) module.preload(value);
    }).catch(function () {});
    searchSoon(value);
  });
  input.addEventListener("focus", function () {
    setOpen(true); // a click in the header's search box opens the results under it
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      search("");
      input.focus();
    });
  });
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      // The visitor is about to search: Pagefind's code loads while they type.
      load().catch(function () {});
      setTimeout(function () {
        input.focus();
      }, 10);
    } else {
      input.blur();
    }
  });
  scroller.addEventListener("scroll", function () {
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 80) more();
  });

  window.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey) return;
    if (!toggle.checked) {
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !typing(event.target)) {
        event.preventDefault();
        open();
      }
      return;
    }
    var found = links();
    var active = document.activeElement;
    if (event.key === "Escape" || event.key === "Tab") {
      if (event.key === "Escape") event.preventDefault();
      close();
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      if (found.length) found[0].click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var stops = [input].concat(found);
      var at = stops.indexOf(active);
      var step = event.key === "ArrowDown" ? 1 : -1;
      var next = (Math.max(0, at) + step + stops.length) % stops.length;
      event.preventDefault();
      stops[next].focus();
      if (stops[next] !== input && next === stops.length - 1) more();
    } else if (active !== input && event.key.length === 1) {
      input.focus(); // typing on a result goes on in the query, as in Material
    }
  });
})();
