// Which tabs of a workbook are read: the one rule of shared/tabs.ts (the Google reader and the
// add-on use it too).
export { MAX_OKR_TABS, PEOPLE_TAB, pickTabs, skippedTabsMessage, type WorkbookTabs } from '../../shared/tabs.ts';
