import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The queue dashboard's HTML page, ours rather than bull-board's: its template links Google Fonts,
 * and a staff page must ask no other host for anything. The page is bull-board's own built assets
 * (the stylesheet and scripts named in its package's dist/index.ejs, whose file names carry a build
 * hash) in a minimal page of ours; the dashboard's fonts fall back to the system's.
 *
 * Rendered by bull-board's Fastify adapter through its public `setViewsPath`: the same parameters
 * (basePath, title, uiConfig) its entry route passes to its own template.
 */
export function queueDashboardViewsPath(): string {
  const uiDist = join(dirname(require.resolve('@bull-board/ui/package.json')), 'dist');
  const dir = mkdtempSync(join(tmpdir(), 'beaker-queue-dashboard-'));
  writeFileSync(join(dir, 'index.ejs'), queueDashboardTemplate(bullBoardAssetTags(readFileSync(join(uiDist, 'index.ejs'), 'utf8'))));
  return dir;
}

/** bull-board's own same-origin stylesheet and script tags (static/…), in their order; nothing else. */
export function bullBoardAssetTags(bullBoardTemplate: string): string[] {
  const tags = bullBoardTemplate.match(/<link href="static\/[^"]+\.css" rel="stylesheet">|<script defer src="static\/[^"]+\.js"><\/script>/g) ?? [];
  if (!tags.some((tag) => tag.startsWith('<script'))) throw new Error('bull-board: no script found in @bull-board/ui/dist/index.ejs');
  return tags;
}

function queueDashboardTemplate(assetTags: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en" dir="ltr">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    '<meta name="robots" content="noindex" />',
    '<base href="<%= basePath %>" />',
    '<title><%= title %></title>',
    ...assetTags.filter((tag) => tag.startsWith('<link')),
    '</head>',
    '<body>',
    '<script id="__UI_CONFIG__" type="application/json"><%- uiConfig %></script>',
    '<div id="root"><p>Loading…</p></div>',
    ...assetTags.filter((tag) => tag.startsWith('<script')),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
