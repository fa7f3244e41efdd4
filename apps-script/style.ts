// Colours and sizes shared by the tabs the add-on writes.
export const HEADER_BACKGROUND = '#e8eaed';
export const TITLE_BACKGROUND = '#f8f9fa';
export const OBJECTIVE_ROW_BACKGROUND = '#f1f3f4';
