// A tap on a chart selects as a click does. Plotly selects the point under the pointer's last hover,
// and a touch screen never hovers (plotly.js #6721, #5227): before Plotly sees a touch, tell it
// the pointer is there. Installed once per page, whatever the reruns.
(() => {
  if (window.__skTap) return;
  window.__skTap = true;
  document.addEventListener("touchstart", (e) => {
    const t = e.touches && e.touches[0];
    const target = e.target;
    if (!t || !target || !target.closest || !target.closest(".js-plotly-plot .nsewdrag")) return;
    target.dispatchEvent(new MouseEvent("mousemove", {
      bubbles: true, cancelable: true, clientX: t.clientX, clientY: t.clientY, view: window,
    }));
  }, { capture: true, passive: true });
})();
