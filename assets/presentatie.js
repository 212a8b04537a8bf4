/*
 * Presentatiemodus (/presentatie) en de samensteller (/presentatie/samenstellen).
 *
 * Een bestand in assets/ (geen inline script: de Content-Security-Policy staat alleen scripts van
 * deze site toe). Alles werkt alleen als de pagina #presentatie-dia bevat; elders doet dit niets.
 *
 * - Toetsen: pijl rechts/omlaag, PageDown en spatie = volgende dia; pijl links/omhoog, PageUp en
 *   Shift+spatie = vorige; Home/End = eerste/laatste; Esc = presentatie verlaten (naar de
 *   samensteller als de presentatie daar gestart is, anders naar het overzicht).
 * - Het nummer van de dia gaat de URL in (&dia=3) met history.pushState: herladen blijft op dezelfde
 *   dia, en terug/vooruit in de browser bladert door de dia's (zonder dat Dash de pagina opnieuw
 *   opbouwt). Zonder peildatum in de URL wordt die van de pagina erin gezet, zodat de cijfers bij
 *   herladen dezelfde blijven.
 * - window.dash_clientside.presentatie: de clientside callbacks van de samensteller (link kopiëren,
 *   URL bijwerken, focus terugzetten na verplaatsen).
 */
(function () {
  "use strict";

  var PAD = /^\/presentatie\/?$/;
  if (PAD.test(window.location.pathname)) {
    // Vóór Dash de pagina tekent: de schil (menu, banner) meteen verbergen (zie presentatie.css).
    document.documentElement.classList.add("presentatie-modus");
  }

  function presentatie() {
    return document.getElementById("presentatie-dia");
  }

  function dias(c) {
    return Array.prototype.filter.call(c.children, function (el) {
      return el.classList.contains("presentatie-dia");
    });
  }

  function actief(c) {
    return parseInt(c.getAttribute("data-actief"), 10) || 1;
  }

  /* De delen van de querystring zonder dia=…, ongewijzigd (dus leesbaar: ':' en ',' blijven staan). */
  function delenZonderDia(zoek) {
    return zoek.replace(/^\?/, "").split("&").filter(function (deel) {
      return deel && deel.split("=")[0] !== "dia";
    });
  }

  function diaUitUrl() {
    var gevonden = /(?:^|[?&])dia=(\d+)(?:&|$)/.exec(window.location.search);
    return gevonden ? parseInt(gevonden[1], 10) : 1;
  }

  function urlMetDia(n) {
    var delen = delenZonderDia(window.location.search);
    delen.push("dia=" + n);
    return window.location.pathname + "?" + delen.join("&") + window.location.hash;
  }

  function toon(c, n, geschiedenis) {
    var lijst = dias(c);
    if (!lijst.length) {
      return;
    }
    var doel = Math.min(Math.max(n, 1), lijst.length);
    var vorige = actief(c);
    var focus = document.activeElement;
    var knopActie = focus && focus.getAttribute && focus.getAttribute("data-presentatie-actie");
    lijst.forEach(function (el) {
      el.classList.toggle("is-actief", parseInt(el.getAttribute("data-dia"), 10) === doel);
    });
    c.setAttribute("data-actief", String(doel));
    var nieuw = lijst[doel - 1];
    var aankondiging = document.getElementById("presentatie-aankondiging");
    if (aankondiging && doel !== vorige) {
      aankondiging.textContent = "Dia " + doel + " van " + lijst.length + ": " + (nieuw.getAttribute("data-titel") || "");
    }
    if (geschiedenis === "push" && doel !== vorige) {
      window.history.pushState({presentatieDia: doel}, "", urlMetDia(doel));
    }
    // Focus in een dia die nu verborgen is: naar dezelfde knop op de nieuwe dia, anders naar de presentatie.
    if (focus && focus !== c && c.contains(focus) && !nieuw.contains(focus)) {
      var zelfde = knopActie && nieuw.querySelector('[data-presentatie-actie="' + knopActie + '"]');
      (zelfde || c).focus({preventScroll: true});
    }
  }

  function verlaat(c) {
    window.location.assign(c.getAttribute("data-terug") || "/");
  }

  function interactief(el) {
    return !!(el && el.closest && el.closest("button, a[href], input, select, textarea, [contenteditable]"));
  }

  document.addEventListener("keydown", function (e) {
    var c = presentatie();
    if (!c || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) {
      return;
    }
    var n = actief(c);
    var doel;
    switch (e.key) {
      case "ArrowRight":
      case "ArrowDown":
      case "PageDown":
        doel = n + 1;
        break;
      case "ArrowLeft":
      case "ArrowUp":
      case "PageUp":
        doel = n - 1;
        break;
      case " ":
      case "Spacebar":
        if (interactief(e.target)) {
          return; // spatie op een knop of link: die knop indrukken
        }
        doel = e.shiftKey ? n - 1 : n + 1;
        break;
      case "Home":
        doel = 1;
        break;
      case "End":
        doel = dias(c).length;
        break;
      case "Escape":
      case "Esc":
        e.preventDefault();
        verlaat(c);
        return;
      default:
        return;
    }
    e.preventDefault();
    toon(c, doel, "push");
  });

  document.addEventListener("click", function (e) {
    var knop = e.target && e.target.closest && e.target.closest("[data-presentatie-actie]");
    var c = presentatie();
    if (!knop || !c || !c.contains(knop)) {
      return;
    }
    var actie = knop.getAttribute("data-presentatie-actie");
    if (actie === "sluiten") {
      verlaat(c);
      return;
    }
    toon(c, actief(c) + (actie === "volgende" ? 1 : -1), "push");
    if (e.detail > 0) {
      // Met de muis geklikt: focus terug op de presentatie, zodat spatie weer "volgende dia" is.
      c.focus({preventScroll: true});
    }
  });

  // Terug/vooruit binnen dezelfde presentatie: zelf de dia wisselen. Dit luisteraar staat vóór die van
  // Dash (dcc.Location registreert pas als de pagina getekend is) en houdt Dash dan tegen, zodat de
  // presentatie niet opnieuw wordt opgebouwd. Een andere agenda of pagina laat het aan Dash.
  window.addEventListener("popstate", function (e) {
    var c = presentatie();
    if (!c || !PAD.test(window.location.pathname)) {
      return;
    }
    if (delenZonderDia(window.location.search).join("&") !== c.getAttribute("data-zoek")) {
      return;
    }
    e.stopImmediatePropagation();
    toon(c, diaUitUrl(), "geen");
  });

  /* Een nieuw getekende presentatie: peildatum vastzetten in de URL, onthouden welke URL bij deze
     presentatie hoort, en de focus erop (dan werken de toetsen meteen en hoort een schermlezer waar hij is). */
  function begin(c) {
    c.setAttribute("data-klaar", "ja");
    var peildatum = c.getAttribute("data-peildatum");
    if (peildatum && !/(?:^|[?&])peildatum=/.test(window.location.search)) {
      var delen = window.location.search.replace(/^\?/, "").split("&").filter(Boolean);
      delen.push("peildatum=" + peildatum);
      window.history.replaceState(window.history.state, "", window.location.pathname + "?" + delen.join("&"));
    }
    c.setAttribute("data-zoek", delenZonderDia(window.location.search).join("&"));
    if (!c.contains(document.activeElement)) {
      c.focus({preventScroll: true});
    }
  }

  function kijk() {
    var c = presentatie();
    if (c && c.getAttribute("data-klaar") !== "ja") {
      begin(c);
    }
  }

  new MutationObserver(kijk).observe(document.documentElement, {childList: true, subtree: true});

  // ------------------------------------------------------------------ samensteller (clientside callbacks)

  function kopieerMetSelectie(veld) {
    if (!veld) {
      return false;
    }
    veld.focus();
    veld.select();
    try {
      return document.execCommand("copy");
    } catch (fout) {
      return false;
    }
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    presentatie: {
      /* Kopieer de link; geeft de tekst voor de statusregel (aria-live). */
      kopieer: function (nKlikken, url, veldId) {
        if (!nKlikken) {
          return window.dash_clientside.no_update;
        }
        var gelukt = "De link is gekopieerd. Plak hem in een e-mail of agenda.";
        var mislukt = "Kopiëren lukte niet: de link is geselecteerd; kopieer hem met Ctrl+C.";
        if (navigator.clipboard && window.isSecureContext) {
          return navigator.clipboard.writeText(url).then(function () {
            return gelukt;
          }, function () {
            return kopieerMetSelectie(document.getElementById(veldId)) ? gelukt : mislukt;
          });
        }
        return kopieerMetSelectie(document.getElementById(veldId)) ? gelukt : mislukt;
      },
      /* Houd de URL van de samensteller gelijk aan de agenda (zonder dat Dash de pagina herlaadt). */
      zetUrl: function (pad) {
        if (pad && pad !== window.location.pathname + window.location.search) {
          window.history.replaceState(window.history.state, "", pad);
        }
        return window.dash_clientside.no_update;
      },
      /* Na verplaatsen of verwijderen: de focus op de knop waar de gebruiker verder wil. */
      focus: function (gegevens) {
        var doel = gegevens && gegevens.doel;
        if (doel) {
          // Na het tekenen van de nieuwe lijst (de knoppen zijn dan vervangen).
          window.requestAnimationFrame(function () {
            window.setTimeout(function () {
              var el = document.getElementById(doel);
              if (el) {
                el.focus();
              }
            }, 0);
          });
        }
        return window.dash_clientside.no_update;
      },
    },
  });
})();
