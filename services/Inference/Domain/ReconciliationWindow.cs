namespace Platform.Inference.Domain;

/// <summary>
/// The served usage one reconciliation compares: from the start of the UTC hour the lookback reaches,
/// up to (excluded) the settle delay before now. Usage younger than the settle delay is left to the
/// next run, because its <c>PredictionsServed</c> may still be on its way (a predict transaction not yet
/// committed, the outbox, billing's queue) and would look missing. Whole seconds, so both services'
/// databases compare the same instant whatever precision they keep.
/// </summary>
public readonly record struct ReconciliationWindow(DateTimeOffset From, DateTimeOffset Until)
{
    public static ReconciliationWindow Ending(DateTimeOffset now, TimeSpan settleDelay, TimeSpan lookback)
    {
        var until = now.ToUniversalTime() - settleDelay;
        until = new DateTimeOffset(until.UtcTicks - until.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return new ReconciliationWindow(HourOf(until - lookback), until);
    }

    /// <summary>The start of the UTC hour an instant falls in.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero);

    /// <summary>The part of the hour starting at <paramref name="hourStart"/> that lies inside this window.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) Clip(DateTimeOffset hourStart)
    {
        var end = hourStart.AddHours(1);
        return (hourStart > From ? hourStart : From, end < Until ? end : Until);
    }
}
