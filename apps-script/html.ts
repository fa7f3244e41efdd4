// Escaping and the page shell for the add-on's HTML dialogs (quality check, settings).

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

const STYLE = `
body{font:13px/1.45 Arial,Helvetica,sans-serif;color:#202124;margin:0;padding:4px 2px}
h2{font-size:15px;margin:0 0 8px}
p{margin:0 0 8px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e0e0e0}
th{background:#f1f3f4;font-weight:bold;position:sticky;top:0}
.error{color:#a50e0e;font-weight:bold}
.warning{color:#7a5901;font-weight:bold}
.why{color:#5f6368;font-size:12px}
.ok{color:#0d652d}
label{display:block;font-weight:bold;margin:10px 0 2px}
input,textarea{width:100%;box-sizing:border-box;font:inherit;padding:5px}
.field-error{color:#a50e0e;font-size:12px;min-height:14px}
.help{color:#5f6368;font-size:12px}
.buttons{margin-top:14px;text-align:right}
button{font:inherit;padding:6px 14px;margin-left:6px}
button.primary{background:#1a73e8;color:#fff;border:0;border-radius:4px}
`;

/** A complete HTML document; `body` must already be escaped. */
export function page(body: string, script = ''): string {
  return `<!DOCTYPE html><html><head><base target="_top"><meta charset="utf-8"><style>${STYLE}</style></head><body>${body}${script ? `<script>${script}</script>` : ''}</body></html>`;
}
