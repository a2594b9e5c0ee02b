// The live-view page's HTML and script. Plain HTML, no framework, nothing fetched from
// outside the camera: the MJPEG stream in an <img>, the OSD text, the camera's time and,
// for operators of a PTZ model, buttons that call ptz.cgi.
//
// The time shown is the camera's own clock, not the browser's: the page is rendered with
// the camera time in data-camera-ms, the script advances it with the browser's monotonic
// clock, and every 30 s re-reads it from the X-Camera-Time header of a HEAD request to
// this page (viewer-readable, unlike time.cgi, which is admin-only).

export interface PageModel {
  title: string;
  prodNbr: string;
  cameraMs: number;
  cameraTimeText: string;
  osdText: string;
  /** Undefined: no PTZ buttons, with this note instead. */
  ptzNote?: string;
  user: string;
}

/** PTZ buttons: label, id suffix, ptz.cgi query. Zoom steps by 1000 of 1..9999. */
const PTZ_BUTTONS: readonly [label: string, id: string, query: string][] = [
  ['◀ Left', 'left', 'move=left'],
  ['▲ Up', 'up', 'move=up'],
  ['▼ Down', 'down', 'move=down'],
  ['Right ▶', 'right', 'move=right'],
  ['⌂ Home', 'home', 'move=home'],
  ['Zoom in', 'zoomin', 'rzoom=1000'],
  ['Zoom out', 'zoomout', 'rzoom=-1000'],
];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderPage(m: PageModel): string {
  const e = escapeHtml;
  const ptz =
    m.ptzNote === undefined
      ? PTZ_BUTTONS.map(([label, id, q]) => `<button type="button" id="ptz-${id}" data-ptz="${e(q)}">${e(label)}</button>`).join('\n      ')
      : `<span id="ptz-note">${e(m.ptzNote)}</span>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${e(m.title)} - live view</title>
  <link rel="icon" href="data:,">
  <style>
    body { font-family: system-ui, sans-serif; margin: 1rem; background: #202124; color: #e8eaed; }
    header { display: flex; gap: 2rem; align-items: baseline; }
    h1 { font-size: 1.2rem; margin: 0 0 .5rem; }
    #live { display: block; max-width: 100%; background: #000; min-width: 320px; min-height: 240px; }
    #ptz { margin: .5rem 0; display: flex; gap: .4rem; flex-wrap: wrap; }
    button { font-size: 1rem; padding: .3rem .8rem; }
    #status { min-height: 1.2em; color: #fbbc04; }
  </style>
</head>
<body>
  <header>
    <h1>${e(m.title)}</h1>
    <span>Camera time: <time id="camera-time" data-camera-ms="${m.cameraMs}">${e(m.cameraTimeText)}</time></span>
    <span>User: ${e(m.user)}</span>
  </header>
  <main>
    <img id="live" src="/video.mjpg" alt="live view of ${e(m.prodNbr)}">
    <p>OSD text: <span id="osd-text">${m.osdText === '' ? '<i>(none)</i>' : e(m.osdText)}</span></p>
    <nav id="ptz" aria-label="pan, tilt and zoom">
      ${ptz}
    </nav>
    <p id="status" role="status"></p>
  </main>
  <script>${SCRIPT}</script>
</body>
</html>
`;
}

// Runs in the browser. Kept free of console output: the web suite treats any console
// error as a defect of the page.
const SCRIPT = `
(() => {
  'use strict';
  const MONTHS = ['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'];
  const p2 = (n) => String(n).padStart(2, '0');
  // The camera's local time is kept in UTC fields (as time.cgi formats it).
  const fmt = (d) => MONTHS[d.getUTCMonth()] + ' ' + p2(d.getUTCDate()) + ', ' + d.getUTCFullYear() + ' ' +
    p2(d.getUTCHours()) + ':' + p2(d.getUTCMinutes()) + ':' + p2(d.getUTCSeconds());
  const timeEl = document.getElementById('camera-time');
  const status = document.getElementById('status');
  let base = Number(timeEl.dataset.cameraMs);
  let at = performance.now();
  const show = () => { timeEl.textContent = fmt(new Date(base + performance.now() - at)); };
  setInterval(show, 250);
  const resync = async () => {
    try {
      const r = await fetch(location.pathname, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' });
      const ms = Number(r.headers.get('X-Camera-Time'));
      if (r.ok && Number.isFinite(ms)) { base = ms; at = performance.now(); show(); }
    } catch { /* the camera is rebooting: keep counting, try again later */ }
  };
  setInterval(resync, 30000);

  // A stream that fails (reboot, network) is reopened with a growing delay, up to 10 s.
  const img = document.getElementById('live');
  let retry = 1000;
  img.addEventListener('load', () => { retry = 1000; if (status.dataset.video) { status.textContent = ''; delete status.dataset.video; } });
  img.addEventListener('error', () => {
    status.textContent = 'No video: reconnecting in ' + retry / 1000 + ' s';
    status.dataset.video = 'down';
    setTimeout(() => { img.src = '/video.mjpg?_=' + Date.now(); }, retry);
    retry = Math.min(10000, retry * 2);
  });

  for (const b of document.querySelectorAll('button[data-ptz]')) {
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        const r = await fetch('/ptz.cgi?' + b.dataset.ptz, { cache: 'no-store', credentials: 'same-origin' });
        const text = (await r.text()).trim();
        status.textContent = r.ok && !text.startsWith('# Error') ? '' : 'PTZ: ' + (text || r.status + ' ' + r.statusText);
      } catch (e) {
        status.textContent = 'PTZ: the camera did not answer';
      } finally {
        b.disabled = false;
      }
    });
  }
})();
`;
