using Platform.Tabular;

namespace Platform.Portal.Services;

/// <summary>
/// What the portal's pages ask of a profiled column. Beside the portal, not in Tabular: Tabular
/// profiles data, and how a page groups and shows a column is the page's business.
/// </summary>
public static class ColumnProfileExtensions
{
    extension(ColumnProfile column)
    {
        public bool IsNumeric => column.Kind == ColumnKind.Numeric;

        /// <summary><see cref="ColumnProfile.Count"/> counts the present values, so the rows are present plus missing.</summary>
        public double MissingShare => column.Count + column.Missing == 0 ? 0 : (double)column.Missing / (column.Count + column.Missing);
    }
}
