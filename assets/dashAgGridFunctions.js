// Nederlandse opmaak voor dash-ag-grid-kolommen (valueFormatter: {"function": "nlBedrag(params.value)"}).
// Dezelfde regels als datalaag/opmaak.py: decimale komma, punt voor duizendtallen, '–' voor leeg.
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

function _nl(decimalen) {
  return new Intl.NumberFormat("nl-NL", { minimumFractionDigits: decimalen, maximumFractionDigits: decimalen });
}

dagfuncs.nlGetal = function (waarde, decimalen) {
  if (waarde === null || waarde === undefined || waarde === "") return "–";
  return _nl(decimalen || 0).format(waarde).replace("\u2212", "-");
};

dagfuncs.nlBedrag = function (waarde) {
  if (waarde === null || waarde === undefined || waarde === "") return "–";
  return "€ " + _nl(0).format(waarde).replace("\u2212", "-");
};

dagfuncs.nlProcent = function (waarde) {
  if (waarde === null || waarde === undefined || waarde === "") return "–";
  return _nl(1).format(waarde * 100).replace("\u2212", "-") + "%";
};

dagfuncs.nlDatum = function (waarde) {
  if (!waarde) return "–";
  var delen = String(waarde).slice(0, 10).split("-");
  return delen.length === 3 ? delen[2] + "-" + delen[1] + "-" + delen[0] : String(waarde);
};
