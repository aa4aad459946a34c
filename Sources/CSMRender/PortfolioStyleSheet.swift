/// CSS that only the portfolio page needs, added after the report's style sheet.
enum PortfolioStyleSheet {
    static let css: HTML = """
    .distribution-panel { padding-bottom: 2px; }
    .distribution-grid { display: grid; grid-template-columns: minmax(0, 26fr) minmax(0, 46fr) minmax(0, 28fr); gap: 2px 16px; align-items: center; margin: 8px 0 10px; }
    .distribution-grid .grid-head { font-size: 11px; color: var(--muted); align-self: end; }
    .distribution-grid .grid-label { font-size: 13.5px; line-height: 1.3; }
    .distribution-grid svg.chart { max-width: none; }
    #clients { padding-top: 36px; }
    #failures { padding-top: 44px; }
    .distribution-table { font-size: 12.5px; }
    .distribution-table th, .distribution-table td { padding-left: 4px; padding-right: 4px; }
    .distribution-table thead th { font-size: 10.5px; letter-spacing: 0.02em; }
    .distribution-table thead th:first-child { width: 22%; }
    .level-count { text-transform: none; letter-spacing: 0; }
    .level-count-reactive { color: var(--reactive) !important; }
    .level-count-adopting { color: var(--adopting) !important; }
    .level-count-performing { color: var(--performing) !important; }
    .level-count-optimizing { color: var(--optimizing) !important; }
    .share-cell { white-space: nowrap; }
    .share-bar { display: inline-block; vertical-align: middle; margin-left: 8px; }
    .portfolio-initiatives td.title { font-weight: 600; }
    .failure-table ul.plain li + li { margin-top: 4px; }
    @media print {
      .distribution-grid .grid-label { font-size: 8.5pt; }
      .distribution-table { font-size: 8pt; }
      .distribution-table thead th { font-size: 6.5pt; }
      .distribution-panel { break-inside: auto; }
      .distribution-grid > div { break-inside: avoid; }
    }

    """
}
