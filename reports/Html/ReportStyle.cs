namespace ResearchPipeline.Reports.Html;

/// <summary>One stylesheet for every report: readable on a laptop, and a print layout without the interactive parts' chrome.</summary>
internal static class ReportStyle
{
    public const string Css = """
        :root { --ink:#1f2a37; --muted:#5b6b7c; --line:#d7dee6; --accent:#2b6cb0; --bg:#ffffff; --soft:#f4f7fa; }
        * { box-sizing: border-box; }
        body { margin:0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink); background:var(--bg); }
        main { max-width: 1100px; margin: 0 auto; padding: 24px 20px 48px; }
        h1 { font-size: 1.7rem; margin: 0 0 4px; } h2 { font-size: 1.3rem; margin: 32px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
        h3 { font-size: 1.05rem; margin: 20px 0 6px; } .subtitle { color: var(--muted); margin: 0 0 16px; }
        .banner { background:#fff4d6; border-bottom:1px solid #e6c766; padding:8px 20px; text-align:center; font-weight:600; }
        .cards { display:flex; flex-wrap:wrap; gap:12px; margin: 12px 0; }
        .card { flex: 1 1 150px; background: var(--soft); border:1px solid var(--line); border-radius:8px; padding:10px 14px; }
        .card .n { font-size:1.6rem; font-weight:700; } .card .l { color:var(--muted); font-size:.9rem; }
        main { overflow-wrap: break-word; }
        .table-wrap { position: relative; max-width: 100%; overflow-x: auto; margin: 8px 0 16px; }
        table { border-collapse: collapse; width: 100%; margin: 0; font-size: .9rem; }
        caption { text-align:left; font-weight:600; padding: 4px 0; color: var(--muted); }
        th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: var(--soft); }
        details { margin: 4px 0 12px; } summary { cursor: pointer; color: var(--accent); }
        .objective { border:1px solid var(--line); border-radius:8px; padding: 8px 14px; margin: 10px 0; break-inside: avoid; }
        .objective h3 { margin-top: 6px; } .descriptor { background: var(--soft); border-left: 4px solid var(--accent); padding: 6px 10px; margin: 6px 0; white-space: pre-line; }
        .descriptor.next { border-left-color: #38a169; } .note { color: var(--muted); font-size: .9rem; }
        .suppressed { color: #9b2c2c; }
        table.stages td { text-align: center; font-size: .82rem; line-height: 1.25; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        table.stages th[scope=row] { min-width: 12rem; }
        td.not-rated { color: var(--muted); font-style: italic; background: repeating-linear-gradient(135deg, #ffffff 0 5px, #e9edf2 5px 10px); }
        .legend { display:flex; flex-wrap:wrap; gap:6px; margin: 4px 0 8px; padding:0; list-style:none; font-size:.85rem; }
        .legend li { padding: 2px 8px; border-radius: 4px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        .sr-only { position:absolute; width:1px; height:1px; padding:0; margin:-1px; overflow:hidden; clip:rect(0,0,0,0); white-space:nowrap; border:0; }
        .glance ul { padding-left: 1.2rem; } .glance li { margin: 4px 0; } .focus h4 { margin: 12px 0 4px; font-size: 1rem; }
        footer { max-width:1100px; margin: 0 auto; padding: 12px 20px 32px; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
        .chart { width: 100%; min-height: 320px; }
        @media (max-width: 600px) { main { padding: 16px 10px 32px; } h1 { font-size: 1.35rem; } th, td { padding: 3px 5px; } }
        @media print {
          body { font-size: 10.5pt; }
          .banner { border: 1px solid #e6c766; margin-bottom: 8px; }
          details > summary { display:none; } details { display:block; }
          details:not([open]) > *:not(summary) { display:block; }
          details::details-content { content-visibility: visible; display: contents; }
          .chart { break-inside: avoid; } .modebar-container { display: none !important; }
          .table-wrap { overflow: visible; } table { font-size: 8.5pt; } tr, .card, .focus { break-inside: avoid; } thead { display: table-header-group; }
          table.stages th[scope=row] { min-width: 0; } table.stages td, table.stages th { font-size: 7pt; padding: 2px 3px; overflow-wrap: anywhere; }
          main { max-width: none; padding: 0; } footer { padding: 8px 0 0; max-width: none; }
          h2, h3, h4 { break-after: avoid; } a { color: inherit; text-decoration: none; }
        }
        @page { margin: 16mm 12mm 16mm; @bottom-right { content: counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #5b6b7c; } }
        """;
}
