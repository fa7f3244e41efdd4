// Which view the one Sidebar.html shows: the menu item appends <div id="okr-view" data-view="…">
// after the bundle (menu.ts); without it the sidebar is the check-in.
export type View = 'checkin' | 'close' | 'next';

export function sidebarView(doc: Document): View {
  const v = doc.getElementById('okr-view')?.getAttribute('data-view');
  return v === 'close' || v === 'next' ? v : 'checkin';
}
