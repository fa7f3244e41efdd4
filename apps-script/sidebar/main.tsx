// Browser entry: bundled by build.ts into the one self-contained Sidebar.html.
import { render } from 'hono/jsx/dom';
import { App } from './app.tsx';

const root = document.getElementById('app');
if (root) render(<App />, root);
