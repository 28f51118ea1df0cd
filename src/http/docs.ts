import type { Hono } from 'hono';
import { packageDir, serveFile } from './static-files.js';

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reckon API reference</title>
<link rel="icon" href="/favicon.svg">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<nav style="font: 15px system-ui, sans-serif; padding: 10px 20px; border-bottom: 1px solid #ddd"><a href="/">← Back to Reckon</a></nav>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });`;

/** A browsable API reference from swagger-ui-dist, served locally (no CDN). */
export function registerDocs(app: Hono): void {
  const dir = packageDir('swagger-ui-dist');
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/assets/:file{swagger-ui\\.css|swagger-ui-bundle\\.js}', (c) => serveFile(c, dir, c.req.param('file')));
}
