// The add-on's entry module: every function Apps Script calls by name — triggers, menu items and
// the dialogs' and sidebar's google.script.run calls. build.ts bundles it into Code.js and
// generates one top-level function per export, so only functions may be exported here.

export { openOkrGuide } from './guide-tab.ts';
export { onInstall, onOpen, openClosingSidebar, openNextQuarterSidebar, openScoringSidebar } from './menu.ts';
export { listOwnersForReminders } from './people-tab.ts';
export { checkOkrQuality } from './quality.ts';
export { repairFormulas } from './repair.ts';
export { openSettings, saveSettings } from './settings-dialog.ts';
export { sidebarLoad, sidebarSave } from './sidebar-server.ts';
export { insertCompanyOkrs, insertTeamOkrs } from './template-tab.ts';
export { closingLoad, closingSave } from './closing-server.ts';
export { startNextQuarter } from './next-quarter.ts';
