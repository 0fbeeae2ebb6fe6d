using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Platform.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// The three layers of retry every durable queue gets, outermost first: redelivery through the
/// broker (minutes), immediate retries in process (seconds), and quick retries of a lost
/// optimistic-concurrency race (milliseconds). Each layer is MassTransit's own retry policy; the
/// same configuration is what the unit tests check.
/// </summary>
public static class RetryPolicies
{
    /// <summary>Redeliveries after <see cref="RedeliverySchedule.Intervals"/>, failures from the message itself excepted.</summary>
    public static void Redelivery(IRetryConfigurator retry, RedeliverySchedule schedule)
    {
        retry.Intervals(schedule.Intervals.ToArray());
        retry.Ignore(PermanentFailures.Types.ToArray());
    }

    /// <summary>A few immediate retries (a dropped connection, a deadlock), failures from the message itself excepted.</summary>
    public static void Immediate(IRetryConfigurator retry, IReadOnlyList<TimeSpan> intervals)
    {
        retry.Intervals(intervals.ToArray());
        retry.Ignore(PermanentFailures.Types.ToArray());
    }

    /// <summary>
    /// Two messages changing one row (a run's epochs and its outcome, arriving together after an
    /// outage) lose to each other's row version: the loser only has to re-read, so it is retried
    /// quickly and often rather than counted against the retries above.
    /// </summary>
    public static void Concurrency(IRetryConfigurator retry, int retries)
    {
        retry.Handle<DbUpdateConcurrencyException>();
        retry.Incremental(retries, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(50));
    }
}
