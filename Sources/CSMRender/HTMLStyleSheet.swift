import CSMModel

/// The report's CSS: screen layout, then print rules.
enum HTMLStyleSheet {
    static var css: HTML {
        "\(variables)\(base)\(components)\(charts)\(plan)\(print)"
    }

    private static var variables: HTML {
        var levels = HTML.empty
        for level in Level.allCases {
            levels.append("  --\(level.id): \(LevelPalette.strong(level));\n  --\(level.id)-soft: \(LevelPalette.soft(level));\n")
        }
        return """
        :root {
          --ink: #1c2434;
          --muted: #566175;
          --line: #d6dbe4;
          --line-soft: #e8ebf0;
          --panel: #f6f7fa;
          --accent: #1f3b66;
          --accent-soft: #eaf0f8;
          --current: \(LevelPalette.current);
          --target: \(LevelPalette.target);
        \(levels)}

        """
    }

    private static let base: HTML = """
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body {
      margin: 0;
      background: #e9edf2;
      color: var(--ink);
      font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif;
    }
    .report {
      max-width: 1040px;
      margin: 28px auto;
      padding: 0 60px 48px;
      background: #fff;
      border-top: 6px solid var(--accent);
      box-shadow: 0 1px 4px rgba(28, 36, 52, 0.12);
    }
    h1, h2, h3, h4 { color: var(--accent); line-height: 1.25; margin: 0; }
    h1 { font-size: 34px; font-weight: 700; letter-spacing: -0.01em; }
    h2 { font-size: 24px; font-weight: 650; padding-bottom: 8px; border-bottom: 1px solid var(--line); margin-bottom: 18px; }
    h3 { font-size: 18px; font-weight: 650; margin: 28px 0 10px; }
    h4 { font-size: 13px; font-weight: 650; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); margin: 14px 0 6px; }
    p { margin: 0 0 10px; }
    a { color: var(--accent); text-underline-offset: 2px; }
    a[href^="http"] { overflow-wrap: anywhere; }
    a[href^="#"] { text-decoration: none; }
    a[href^="#"]:hover { text-decoration: underline; }
    code, .mono { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.86em; }
    .muted { color: var(--muted); }
    .subtext { font-weight: 400; font-size: 12.5px; color: var(--muted); }
    .code-label { font-weight: 400; font-size: 12px; color: var(--muted); }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    ul.plain { list-style: none; margin: 0; padding: 0; }
    .small { font-size: 13px; }
    .nowrap { white-space: nowrap; }
    .prose { white-space: pre-line; }
    section.major, #warnings { padding-top: 44px; }
    #summary { padding-top: 36px; }
    .section-lead { color: var(--muted); max-width: 760px; margin-bottom: 18px; }

    """

    private static let components: HTML = """
    .cover { padding: 40px 0 8px; }
    .eyebrow { text-transform: uppercase; letter-spacing: 0.12em; font-size: 12px; font-weight: 650; color: var(--muted); margin-bottom: 6px; }
    .org-meta { font-size: 17px; color: var(--muted); margin: 6px 0 22px; }
    .meta-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 14px 28px; margin: 0 0 20px; }
    .meta-grid > div { border-left: 3px solid var(--line); padding-left: 10px; }
    .meta-grid dt { white-space: nowrap; font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
    .meta-grid dd { margin: 2px 0 0; font-weight: 600; }
    .provenance { font-size: 12px; color: var(--muted); border-top: 1px solid var(--line-soft); padding-top: 10px; }
    .provenance span + span::before { content: " · "; }
    .toc { margin: 18px 0 0; font-size: 13px; }
    .toc ol { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 0; padding: 0; }
    .toc a { text-decoration: none; }
    .toc a:hover { text-decoration: underline; }

    .level {
      display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 650;
      line-height: 18px; white-space: nowrap; border: 1px solid currentColor;
    }
    .level-reactive { color: var(--reactive); background: var(--reactive-soft); }
    .level-adopting { color: var(--adopting); background: var(--adopting-soft); }
    .level-performing { color: var(--performing); background: var(--performing-soft); }
    .level-optimizing { color: var(--optimizing); background: var(--optimizing-soft); }
    .level-none { color: var(--muted); background: var(--panel); border-style: dashed; }
    .tag {
      display: inline-block; padding: 0 7px; border-radius: 3px; font-size: 12px; line-height: 18px;
      background: var(--panel); border: 1px solid var(--line); color: var(--muted); white-space: nowrap;
    }
    .tag strong { color: var(--ink); font-weight: 600; }

    .stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: 14px; margin-bottom: 20px; }
    .stat { border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; break-inside: avoid; }
    .stat .label { font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
    .stat .value { font-size: 30px; font-weight: 700; color: var(--accent); line-height: 1.2; margin: 4px 0; font-variant-numeric: tabular-nums; }
    .stat .value small { font-size: 15px; font-weight: 500; color: var(--muted); }
    .lead { font-size: 17px; max-width: 820px; }
    .mark { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 3px; font-size: 11px; font-weight: 650; line-height: 17px; text-transform: uppercase; letter-spacing: 0.05em; vertical-align: 1px; }
    .mark.strongest { color: #fff; background: var(--optimizing); }
    .mark.weakest { color: #fff; background: var(--reactive); }
    .top-list { list-style: none; margin: 0; padding: 0; counter-reset: none; }
    .top-list li { display: grid; grid-template-columns: 34px 1fr auto; gap: 12px; align-items: start; padding: 10px 0; border-bottom: 1px solid var(--line-soft); break-inside: avoid; }
    .rank {
      display: inline-flex; align-items: center; justify-content: center; min-width: 28px; height: 28px; padding: 0 4px;
      border-radius: 14px; background: var(--accent-soft); color: var(--accent); font-weight: 700; font-size: 13px;
    }
    .top-list .title { font-weight: 600; color: var(--ink); }
    .overview-table { margin-top: 12px; }
    .overview-table th[scope="row"] { width: 38%; }
    .bar-cell { width: 200px; vertical-align: middle; }
    .mini-bar { display: block; }
    .priority { font-weight: 700; font-variant-numeric: tabular-nums; color: var(--accent); white-space: nowrap; }

    table { width: 100%; border-collapse: collapse; font-size: 13.5px; margin: 6px 0 14px; }
    caption { text-align: left; font-size: 13px; color: var(--muted); padding-bottom: 6px; caption-side: top; }
    th, td { padding: 7px 8px; border-bottom: 1px solid var(--line-soft); vertical-align: top; text-align: left; }
    thead th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted); font-weight: 650; border-bottom: 1.5px solid var(--line); vertical-align: bottom; }
    tbody th { font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.not-assessed td, tr.not-assessed th { color: var(--muted); }
    .dimension-table, .scorecard-table { table-layout: fixed; }
    .col-dimension { width: 18%; } .col-score { width: 8%; } .col-level { width: 11%; } .col-target { width: 7%; }
    .col-gap { width: 6%; } .col-respondents { width: 21%; } .col-evidence { width: 29%; }
    .no-respondents .col-respondents { width: 12%; } .no-respondents .col-evidence { width: 38%; }
    .initiatives-table { table-layout: fixed; }
    .col-rank { width: 6%; } .col-title { width: 33%; } .col-dimensions { width: 16%; } .col-toward { width: 12%; }
    .col-phase { width: 8%; } .col-effort { width: 8%; } .col-impact { width: 7%; } .col-priority { width: 10%; }
    .col-kpi { width: 38%; } .col-baseline { width: 11%; } .col-better { width: 15%; } .col-movers { width: 36%; }
    .evidence p { margin: 0 0 4px; white-space: pre-line; }
    .respondents { list-style: none; margin: 4px 0 0; padding: 0; font-size: 12px; line-height: 1.35; color: var(--muted); }
    .respondents li { display: flex; justify-content: space-between; gap: 6px; }
    .respondents li span:last-child { font-variant-numeric: tabular-nums; color: var(--ink); }
    .flag { color: var(--reactive); font-weight: 650; }

    .warnings { list-style: none; padding: 0; margin: 0; }
    .warnings li { padding: 8px 12px; border-left: 3px solid var(--adopting); background: var(--panel); margin-bottom: 6px; break-inside: avoid; }
    .warnings li.failure { border-left-color: var(--reactive); }
    .warnings .code { font-size: 12px; color: var(--muted); margin-right: 8px; }
    .empty { color: var(--muted); font-style: italic; }
    details.chart-data { margin: 8px 0 0; font-size: 13px; }
    details.chart-data summary { cursor: pointer; color: var(--muted); }
    .method p, .method li { max-width: 820px; }
    .formula { font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; background: var(--panel); border: 1px solid var(--line-soft); border-radius: 4px; padding: 10px 14px; margin: 8px 0 12px; white-space: pre-wrap; }
    footer.colophon { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); font-size: 12px; color: var(--muted); }

    """

    private static let charts: HTML = """
    figure { margin: 0; }
    figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; }
    svg.chart { display: block; width: 100%; height: auto; font-family: inherit; }
    .radar-figure { max-width: 800px; margin: 0 auto; }
    .radar-figure figcaption { text-align: center; }
    .gap-panel { border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px 6px; margin-bottom: 14px; break-inside: avoid; }
    .gap-panel h3 { margin: 0 0 2px; font-size: 16px; }
    .gap-panel .summary { font-size: 13px; color: var(--muted); margin-bottom: 4px; }
    .legend { display: flex; flex-wrap: wrap; gap: 6px 20px; list-style: none; padding: 0; margin: 0 0 12px; font-size: 13px; color: var(--muted); }
    .legend li { display: inline-flex; align-items: center; gap: 6px; }
    .legend svg { display: inline-block; vertical-align: middle; }
    .level-key { display: flex; flex-wrap: wrap; justify-content: center; gap: 4px 16px; list-style: none; padding: 0; margin: 8px 0 0; font-size: 13px; color: var(--muted); }
    .level-key li { display: inline-flex; align-items: center; gap: 6px; }

    """

    private static let plan: HTML = """
    .initiatives-table td.title a { font-weight: 600; text-decoration: none; color: var(--ink); }
    .initiatives-table td.title a:hover { text-decoration: underline; }
    .initiative { border: 1px solid var(--line); border-radius: 6px; padding: 16px 20px 10px; margin: 0 0 16px; break-inside: avoid; }
    .initiative header { display: grid; grid-template-columns: auto 1fr auto; gap: 12px; align-items: start; }
    .initiative h3 { margin: 2px 0 0; font-size: 17px; color: var(--ink); }
    .initiative .meta { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 10px; }
    .initiative .columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 4px 28px; }
    .initiative .columns + .columns { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); border-top: 1px solid var(--line-soft); margin-top: 4px; }
    .rule-id { font-size: 12px; color: var(--muted); overflow-wrap: anywhere; }
    .reads { list-style: none; margin: 4px 0 0; padding: 0 0 0 10px !important; border-left: 2px solid var(--line); font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 11.5px; color: var(--ink); overflow-wrap: anywhere; }
    .initiative ol, .initiative ul { margin: 0 0 8px; padding-left: 20px; }
    .initiative li { margin-bottom: 3px; }
    .reasons { list-style: none; padding-left: 0 !important; }
    .reasons li { margin-bottom: 6px; }
    .steps { overflow-wrap: anywhere; font-family: ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; color: var(--muted); list-style: none; padding: 8px 12px !important; background: var(--panel); border-radius: 4px; }
    .steps li { margin: 0; }
    .steps li:last-child { color: var(--ink); font-weight: 650; }

    .lanes { border: 1px solid var(--line); border-radius: 6px; overflow: hidden; }
    .lane { display: grid; grid-template-columns: 124px minmax(0, 1fr); border-top: 1px solid var(--line); break-inside: avoid; }
    .lane:first-child { border-top: 0; }
    .lane-head { background: var(--panel); padding: 14px 14px; border-right: 1px solid var(--line); }
    .lane-head .phase { font-size: 18px; font-weight: 700; color: var(--accent); display: block; }
    .lane-head .months { font-size: 13px; color: var(--muted); display: block; white-space: nowrap; }
    .lane-cards { list-style: none; margin: 0; padding: 12px; display: grid; grid-template-columns: repeat(auto-fill, minmax(138px, 1fr)); gap: 10px; }
    .lane-empty { padding: 14px; margin: 0; }
    .card { border: 1px solid var(--line); border-top: 3px solid var(--accent); border-radius: 4px; padding: 8px 10px; background: #fff; font-size: 13px; break-inside: avoid; display: flex; flex-direction: column; gap: 6px; }
    .card a { color: var(--ink); text-decoration: none; font-weight: 600; line-height: 1.3; }
    .card .card-rank { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 4px; font-size: 11px; color: var(--muted); font-weight: 650; }
    .card .card-rank span { white-space: nowrap; }
    .card a { overflow-wrap: break-word; }
    .card .effort-impact { font-size: 12px; color: var(--muted); margin-top: auto; }
    .card .effort-impact strong { color: var(--ink); font-weight: 600; }
    .card .after { font-size: 11.5px; color: var(--muted); }
    .backlog { columns: 2 300px; column-gap: 32px; padding-left: 0; list-style: none; font-size: 13.5px; }
    .backlog li { break-inside: avoid; padding: 3px 0; border-bottom: 1px solid var(--line-soft); display: grid; grid-template-columns: 36px 1fr auto; gap: 8px; }
    .better { white-space: nowrap; }

    """

    /// Print rules. The page box is A4. Every width is fluid and the margins are
    /// in millimetres, so the layout also fits US Letter (215.9 x 279.4 mm): the
    /// samples print without clipping in Chromium 156 with `size: letter`.
    private static let print: HTML = """
    @page { size: A4 portrait; margin: 14mm 14mm 16mm; }
    @page { @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; color: #566175; font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; } }
    @media print {
      html, body { background: #fff; }
      body { font-size: 10pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      .report { max-width: none; margin: 0; padding: 0; box-shadow: none; border-top: 0; }
      .cover { border-top: 3pt solid var(--accent); padding-top: 5mm; }
      .org-meta { font-size: 11pt; margin: 1mm 0 4mm; }
      .meta-grid { display: flex; gap: 2mm 7mm; margin-bottom: 3mm; }
      .meta-grid > div { flex: 1 1 auto; max-width: 42%; }
      .provenance { padding-top: 2mm; margin: 0; }
      h2 { margin-bottom: 4mm; padding-bottom: 1.5mm; }
      h3 { margin: 5mm 0 2mm; }
      th, td { padding: 4px 5px; }
      thead th { font-size: 6.8pt; letter-spacing: 0.02em; }
      .stat { padding: 2.5mm 3mm; }
      .lead { font-size: 10.5pt; margin-bottom: 2mm; }
      .mark { font-size: 6.5pt; line-height: 1.6; }
      .overview-table { margin-top: 3mm; }
      .overview-table th, .overview-table td { padding: 2px 5px; }
      .toc, details.chart-data { display: none; }
      h1 { font-size: 26pt; }
      h2 { font-size: 17pt; }
      h3 { font-size: 12.5pt; }
      section.major { padding-top: 0; break-before: page; }
      section.keep-with-previous, #warnings { break-before: auto; padding-top: 8mm; }
      #summary { padding-top: 5mm; }
      .competency > p { break-after: avoid; }
      h2, h3, h4 { break-after: avoid; }
      table { font-size: 8.8pt; }
      thead { display: table-header-group; }
      tr, .card, .stat, .overview-table, .initiative, .gap-panel, .lane, figure, .warnings li { break-inside: avoid; }
      .level { font-size: 7.5pt; line-height: 1.5; padding: 0 5px; }
      .subtext, .code-label, .small, .rule-id { font-size: 8pt; }
      .lane { grid-template-columns: 24mm minmax(0, 1fr); }
      .lane-head { padding: 3mm; }
      .lane-head .phase { font-size: 12pt; }
      .lane-head .months { font-size: 8pt; }
      .lane-cards { grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 2mm; padding: 2.5mm; }
      .card { font-size: 8pt; padding: 2mm; overflow-wrap: anywhere; }
      .card .effort-impact, .card .card-rank, .card .after { font-size: 7pt; }
      .initiative { padding: 3mm 4mm 1mm; margin-bottom: 4mm; font-size: 9pt; }
      .initiative h3 { font-size: 11pt; }
      .initiative h4 { margin: 2mm 0 1mm; font-size: 7.5pt; }
      .steps { font-size: 7.5pt; }
      .tag { font-size: 7.5pt; line-height: 1.5; }
      .top-list li { padding: 1.5mm 0; gap: 3mm; }
      .rank { min-width: 6mm; height: 6mm; font-size: 8pt; }
      .bar-cell { width: 48mm; }
      .backlog { font-size: 8.5pt; }
      .level-key { font-size: 8pt; }
      .stats { gap: 3mm; }
      .stat .value { font-size: 18pt; margin: 0; }
      .stat .label { font-size: 7pt; }
      a { color: inherit; }
      a[href^="http"] { text-decoration: underline; }
      a[href^="#"] { text-decoration: none; }
      .radar-figure { max-width: none; }
      .gap-panel { padding: 2mm 3mm 0; margin-bottom: 2.5mm; }
      .gap-panel h3 { font-size: 11pt; }
      .gap-panel .summary { margin-bottom: 0; }
      .legend { margin-bottom: 2mm; font-size: 8pt; }
      .respondents { font-size: 7.5pt; }
    }

    """
}
