using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Billing.Domain;
using Platform.ServiceDefaults.Messaging.Redelivery;

namespace Platform.UnitTests;

/// <summary>
/// The policies every durable queue runs, as MassTransit builds them from the platform's
/// configuration: which failures they retry, and after which pauses they give up.
/// </summary>
public sealed class RetryPoliciesTests
{
    private static readonly RedeliverySchedule Schedule = new("billing-predictions-served",
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)]);

    public static TheoryData<Exception> Transient => new()
    {
        new NpgsqlException("Failed to connect to 127.0.0.1:5432", new System.Net.Sockets.SocketException(111)),
        new TimeoutException("The operation has timed out."),
        new DbUpdateConcurrencyException("The row changed."),
        new InvalidOperationException("An exception has been raised that is likely due to a transient failure."),
    };

    public static TheoryData<Exception> Permanent => new()
    {
        new InvalidUsageException(Guid.NewGuid(), "predictions must be positive, was -5"),
        new PermanentMessageException("TrainModel arrived without a message id; it cannot be deduplicated."),
        new ArgumentException("There is nothing to promote.", "candidates"),
        new FormatException("not a number"),
        new System.Text.Json.JsonException("'x' is an invalid start of a value."),
        // MassTransit looks at the innermost cause too: a refusal wrapped by a framework stays a refusal.
        new InvalidOperationException("while applying", new ArgumentOutOfRangeException("count")),
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public void A_failure_that_may_pass_is_retried_at_once_and_redelivered(Exception failure)
    {
        Assert.True(Retry.CreatePolicy(r => RetryPolicies.Redelivery(r, Schedule)).IsHandled(failure));
        Assert.True(Retry.CreatePolicy(r => RetryPolicies.Immediate(r, [TimeSpan.FromSeconds(1)])).IsHandled(failure));
    }

    [Theory]
    [MemberData(nameof(Permanent))]
    public void A_failure_of_the_message_itself_goes_straight_to_the_error_queue(Exception failure)
    {
        Assert.False(Retry.CreatePolicy(r => RetryPolicies.Redelivery(r, Schedule)).IsHandled(failure));
        Assert.False(Retry.CreatePolicy(r => RetryPolicies.Immediate(r, [TimeSpan.FromSeconds(1)])).IsHandled(failure));
    }

    [Fact]
    public void Only_a_lost_concurrency_race_gets_the_quick_retries()
    {
        var policy = Retry.CreatePolicy(r => RetryPolicies.Concurrency(r, 20));

        Assert.True(policy.IsHandled(new DbUpdateConcurrencyException("The row changed.")));
        Assert.False(policy.IsHandled(new NpgsqlException("Failed to connect")));
    }

    /// <summary>
    /// MassTransit's redelivery filter counts a message's earlier redeliveries (MT-Redelivery-Count)
    /// along the policy to find its next pause: the n-th redelivery waits the n-th pause, and the
    /// message goes to the error queue after the last.
    /// </summary>
    [Fact]
    public void Each_redelivery_waits_the_next_configured_pause_and_after_the_last_there_is_none()
    {
        var failure = new NpgsqlException("Failed to connect");
        var policy = Retry.CreatePolicy(r => RetryPolicies.Redelivery(r, Schedule));
        using var attempts = policy.CreatePolicyContext(new Delivery());

        var pauses = new List<TimeSpan>();
        Assert.True(attempts.CanRetry(failure, out var retry));
        pauses.Add(retry.Delay!.Value);
        while (retry.CanRetry(failure, out retry)) pauses.Add(retry.Delay!.Value);

        Assert.Equal(Schedule.Intervals, pauses);
    }

    private sealed class Delivery : BasePipeContext;
}
