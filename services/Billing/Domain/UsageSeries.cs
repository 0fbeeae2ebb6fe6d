using System.Globalization;

namespace Platform.Billing.Domain;

/// <summary>
/// Predictions over time: one bucket after another from <see cref="From"/> (a bucket start) up to
/// <see cref="To"/> (excluded), the last one cut short where <see cref="To"/> falls inside it.
/// </summary>
public sealed class UsageSeries
{
    public const int DefaultBuckets = 60;
    public const int MaxBuckets = 1000;

    private static readonly string[] IsoFormats =
        ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    private const string IsoReason = "must be an ISO-8601 date and time, e.g. 2026-11-24T12:00:00Z (send an offset's + as %2B)";

    private UsageSeries(UsageBucket bucket, DateTimeOffset from, DateTimeOffset to) =>
        (Bucket, From, To) = (bucket, bucket.Floor(from), to.ToUniversalTime());

    public UsageBucket Bucket { get; }
    public DateTimeOffset From { get; }
    public DateTimeOffset To { get; }

    public int Count => (int)BucketsBetween(From, To, Bucket);

    public DateTimeOffset StartOf(long index) => From.AddTicks(index * Bucket.Width.Ticks);

    /// <summary>
    /// The series a request asks for, or the first problem as (field, reason). Without a bucket it
    /// is hourly, without <paramref name="to"/> it ends now, without <paramref name="from"/> it
    /// starts <see cref="DefaultBuckets"/> buckets before its end.
    /// </summary>
    public static (string Field, string Reason)? TryCreate(
        string? bucket, string? from, string? to, DateTimeOffset now, out UsageSeries? series)
    {
        series = null;
        var unit = bucket is null ? UsageBucket.Hour : UsageBucket.Find(bucket);
        if (unit is null) return ("bucket", $"must be one of: {string.Join(", ", UsageBucket.All.Select(b => b.Name))}");

        var end = now;
        if (to is not null && !TryParseInstant(to, out end)) return ("to", IsoReason);
        // Clamped rather than thrown: a range starting before year 1 starts at year 1.
        var start = new DateTimeOffset(Math.Max(0, end.UtcTicks - DefaultBuckets * unit.Width.Ticks), TimeSpan.Zero);
        if (from is not null && !TryParseInstant(from, out start)) return ("from", IsoReason);
        if (start >= end) return ("from", "must be before to");

        var candidate = new UsageSeries(unit, start, end);
        if (BucketsBetween(candidate.From, candidate.To, unit) > MaxBuckets)
            return ("from", $"the range holds more than {MaxBuckets} buckets of a {unit.Name}; use a larger bucket or a shorter range");
        series = candidate;
        return null;
    }

    /// <summary>Every bucket of the series in order, zero where nothing was served; totals outside it are ignored.</summary>
    public IReadOnlyList<UsagePoint> Points(IEnumerable<BucketTotal> totals)
    {
        var predictions = new long[Count];
        foreach (var total in totals)
            if (total.Index >= 0 && total.Index < predictions.Length) predictions[total.Index] += total.Predictions;
        return [.. predictions.Select((p, i) => new UsagePoint(StartOf(i), p))];
    }

    private static long BucketsBetween(DateTimeOffset from, DateTimeOffset to, UsageBucket bucket) =>
        ((to - from).Ticks + bucket.Width.Ticks - 1) / bucket.Width.Ticks;

    private static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
