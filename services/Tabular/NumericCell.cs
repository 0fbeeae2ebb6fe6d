using System.Globalization;

namespace Platform.Tabular;

/// <summary>How a cell becomes a number, the same way in training, evaluation and serving inputs.</summary>
public static class NumericCell
{
    /// <summary>The cell's value, or NaN (the models' "missing") when it is missing, not a number, or not finite.</summary>
    public static float ToFloat(string? cell) =>
        cell is not null
        && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? (float)value
            : float.NaN;

    public static bool IsNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value);
}
