using System.Globalization;

namespace Platform.Portal.Services;

/// <summary>
/// A number in a regression target's units (a prediction, an error, an explanation's credit),
/// written to be read: a target may be a price in hundreds of thousands or a rate in thousandths,
/// so a fixed number of places would show either noise or zeros. Invariant, as the API writes it.
/// </summary>
public static class TargetValue
{
    /// <summary>Whole numbers with separators from 1,000; two places from 1; three significant digits below.</summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        var size = Math.Abs(value);
        var format = size >= 1000 ? "#,0" : size >= 1 ? "#,0.##" : "G3";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>As <see cref="Format"/>, with the sign always written: an explanation's credit adds or takes away.</summary>
    public static string Signed(double value) => value > 0 ? "+" + Format(value) : Format(value);
}
