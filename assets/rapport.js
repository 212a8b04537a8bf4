// Voortgangsrapportage (/rapport/<slug>, /rapport/stad): clientside callbacks van pagina/rapport.py.
// Een bestand in assets/ (geen inline script): de Content-Security-Policy staat alleen eigen scripts toe.
(function () {
  "use strict";

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.rapport = {
    // De voettekst (titel, datum van maken, peildatum) in de margebox linksonder van elke afgedrukte
    // pagina: een @page-regel die de server opstelt (pagina.rapport.paginaregels, tekst al ontsnapt).
    // Hij geldt alleen voor de benoemde pagina 'rapport' (zie assets/rapport.css): na het wegnavigeren
    // verandert de afdruk van andere pagina's niet.
    zetVoettekst: function (gegevens) {
      if (!gegevens || !gegevens.paginaregels) {
        return window.dash_clientside.no_update;
      }
      var stijl = document.getElementById("rapport-voet-stijl");
      if (!stijl) {
        stijl = document.createElement("style");
        stijl.id = "rapport-voet-stijl";
        document.head.appendChild(stijl);
      }
      stijl.textContent = gegevens.paginaregels;
      return gegevens.paginaregels;
    },

    // "Afdrukken / opslaan als PDF": het afdrukvenster van de browser. De documenttitel wordt even de
    // naam van het rapport: die stelt de browser voor als bestandsnaam van de PDF.
    afdrukken: function (klikken, gegevens) {
      if (!klikken) {
        return window.dash_clientside.no_update;
      }
      var oud = document.title;
      if (gegevens && gegevens.titel) {
        document.title = gegevens.titel;
        window.addEventListener("afterprint", function () { document.title = oud; }, { once: true });
      }
      window.print();
      return klikken;
    },
  };
})();
