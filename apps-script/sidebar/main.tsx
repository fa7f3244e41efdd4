// Browser entry: bundled by build.ts into the one self-contained Sidebar.html. It renders once the
// document is parsed, so the view element a menu item appends after the bundle is there (view.ts).
import { render } from 'hono/jsx/dom';
import { App } from './app.tsx';
import { ClosingApp } from './closing.tsx';
import { sidebarView } from './view.ts';

function start(): void {
  const root = document.getElementById('app');
  if (!root) return;
  const view = sidebarView(document);
  render(view === 'checkin' ? <App /> : <ClosingApp start={view} />, root);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
