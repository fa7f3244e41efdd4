import { describe, expect, it } from 'vitest';
import * as addon from '../../apps-script/main.ts';
import { MENU_ITEMS, SIDEBAR_TITLE } from '../../apps-script/menu.ts';
import { SIDEBAR_HTML, useAddonFake } from './harness.ts';

const CAPTIONS = ['Insert team OKRs', 'Insert company OKRs', 'Score key results…', 'Check OKR quality', 'Repair formulas', 'Close the quarter…', 'Start next quarter…', 'List owners for reminders', 'OKR guide', 'Settings…'];

describe('add-on menu', () => {
  const fake = useAddonFake();

  it('onOpen in AuthMode.NONE builds the add-on menu and touches no data or properties', () => {
    const f = fake();
    f.counters.reset();
    addon.onOpen(f.makeOpenEvent('NONE'));
    expect(f.ui.menus).toHaveLength(1);
    expect(f.ui.menus[0]!.kind).toBe('addon');
    expect(f.ui.menuItems().map((i) => i.caption)).toEqual(CAPTIONS);
    expect(f.counters.deniedInNoneMode).toEqual([]);
    expect(f.counters.rangeCalls).toBe(0);
    const touched = Object.keys(f.counters.byMethod).filter((k) => /^(Spreadsheet|Sheet|Range|Properties|PropertiesService|Session|Lock)\./.test(k));
    expect(touched).toEqual([]);
  });

  it('onInstall builds the same menu (it calls onOpen)', () => {
    const f = fake();
    addon.onInstall(f.makeInstallEvent('NONE'));
    expect(f.ui.menuItems().map((i) => i.caption)).toEqual(CAPTIONS);
    expect(f.counters.deniedInNoneMode).toEqual([]);
  });

  it('every menu item runs an exported entry point', () => {
    const f = fake();
    addon.onOpen(f.makeOpenEvent('NONE'));
    expect(f.ui.missingMenuHandlers(addon)).toEqual([]);
    expect(MENU_ITEMS.filter((i) => i !== null)).toHaveLength(CAPTIONS.length);
  });

  it('Score key results… opens the Sidebar file as a sidebar', () => {
    const f = fake();
    addon.openScoringSidebar();
    expect(f.ui.dialogs).toHaveLength(1);
    expect(f.ui.dialogs[0]).toMatchObject({
      kind: 'sidebar',
      title: SIDEBAR_TITLE,
      html: SIDEBAR_HTML,
    });
  });
});
