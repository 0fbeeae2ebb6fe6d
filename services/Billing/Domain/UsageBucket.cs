namespace Platform.Billing.Domain;

/// <summary>The width of the buckets a usage series counts predictions in: a minute, an hour or a day, aligned in UTC.</summary>
public sealed record UsageBucket(string Name, TimeSpan Width)
{
    public static readonly UsageBucket Minute = new("minute", TimeSpan.FromMinutes(1));
    public static readonly UsageBucket Hour = new("hour", TimeSpan.FromHours(1));
    public static readonly UsageBucket Day = new("day", TimeSpan.FromDays(1));

    public static IReadOnlyList<UsageBucket> All { get; } = [Minute, Hour, Day];

    public static UsageBucket? Find(string? name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The start of the bucket an instant falls in. Ticks count from midnight UTC, so whole widths
    /// land on UTC minute, hour and day boundaries, whatever the instant's offset.
    /// </summary>
    public DateTimeOffset Floor(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % Width.Ticks, TimeSpan.Zero);
}
