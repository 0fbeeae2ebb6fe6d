using System.Globalization;

namespace Platform.Billing.Domain;

/// <summary>A calendar month in UTC: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
public readonly record struct BillingPeriod(DateTimeOffset Start, DateTimeOffset End)
{
    public const string Format = "yyyy-MM";

    public static BillingPeriod Month(int year, int month)
    {
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        return new BillingPeriod(start, start.AddMonths(1));
    }

    public static BillingPeriod Containing(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return Month(utc.Year, utc.Month);
    }

    /// <summary>Parses <c>2026-11</c>; anything else (another format, month 13) is refused.</summary>
    public static bool TryParse(string? text, out BillingPeriod period)
    {
        period = default;
        if (!DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)) return false;
        period = Month(month.Year, month.Month);
        return true;
    }

    public override string ToString() => Start.ToString(Format, CultureInfo.InvariantCulture);
}
