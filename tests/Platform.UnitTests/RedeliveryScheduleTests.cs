using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Messaging.Redelivery;

namespace Platform.UnitTests;

/// <summary>Which pauses a queue's failed messages get, from the settings as configuration binds them.</summary>
public sealed class RedeliveryScheduleTests
{
    private static MessagingOptions Bind(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))
            .Append(KeyValuePair.Create("ConnectionStrings:messaging", (string?)"amqp://user:password@localhost:1")));
        builder.AddServiceMessaging("billing");
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<MessagingOptions>>().Value;
    }

    [Fact]
    public void Unconfigured_a_queue_is_redelivered_after_minutes_and_retried_at_once_three_times()
    {
        var options = Bind();

        var schedule = RedeliverySchedule.For("billing-predictions-served", temporary: false, options.Redelivery);

        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15)], schedule.Intervals);
        Assert.Equal([TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)], options.EffectiveRetryIntervals);
    }

    [Fact]
    public void Configured_pauses_replace_the_defaults_and_a_queue_of_its_own_replaces_the_services()
    {
        var options = Bind(
            ("Messaging:RetryIntervals:0", "00:00:00.100"),
            ("Messaging:Redelivery:Intervals:0", "00:00:10"),
            ("Messaging:Redelivery:Intervals:1", "00:01:00"),
            ("Messaging:Redelivery:Queues:billing-tenant-registered:Intervals:0", "00:00:02"),
            ("Messaging:Redelivery:Queues:billing-credential-revoked:Enabled", "false"));

        // Configuration binding appends to an array that already has items: the defaults must not survive beside these.
        Assert.Equal([TimeSpan.FromMilliseconds(100)], options.EffectiveRetryIntervals);
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)], RedeliverySchedule.For("billing-predictions-served", false, options.Redelivery).Intervals);
        Assert.Equal([TimeSpan.FromSeconds(2)], RedeliverySchedule.For("billing-tenant-registered", false, options.Redelivery).Intervals);
        Assert.False(RedeliverySchedule.For("billing-credential-revoked", false, options.Redelivery).Enabled);
    }

    [Fact]
    public void A_temporary_queue_is_never_redelivered()
    {
        var schedule = RedeliverySchedule.For("billing-revocations-0123", temporary: true, new RedeliverySettings());

        Assert.False(schedule.Enabled);
        Assert.Empty(schedule.Levels);
    }

    [Fact]
    public void Each_distinct_pause_has_one_delay_queue_named_for_it()
    {
        var schedule = new RedeliverySchedule("billing-predictions-served",
            [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(1500), TimeSpan.FromHours(1)]);

        Assert.Equal([TimeSpan.FromMilliseconds(1500), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromHours(1)], schedule.Levels);
        Assert.Equal("billing-predictions-served_redelivery_2m", schedule.DelayQueueFor(TimeSpan.FromMinutes(2)));
        Assert.Equal("billing-predictions-served_redelivery_1500ms", schedule.DelayQueueFor(TimeSpan.FromSeconds(1)));
        Assert.Equal("billing-predictions-served_redelivery_90s", RedeliverySchedule.DelayQueueName("billing-predictions-served", TimeSpan.FromSeconds(90)));
        // A pause no level was declared for waits at least as long, never less.
        Assert.Equal("billing-predictions-served_redelivery_2m", schedule.DelayQueueFor(TimeSpan.FromMinutes(1)));
        Assert.Equal("billing-predictions-served_redelivery_1h", schedule.DelayQueueFor(TimeSpan.FromDays(1)));
    }

    [Theory]
    [InlineData("Messaging:Redelivery:Intervals:0", "00:00:00", "Messaging:Redelivery:Intervals")]
    [InlineData("Messaging:Redelivery:Intervals:0", "2.00:00:00", "Messaging:Redelivery:Intervals")]
    [InlineData("Messaging:Redelivery:Queues:billing-predictions-served:Intervals:0", "-00:00:05", "Messaging:Redelivery:Queues:billing-predictions-served:Intervals")]
    [InlineData("Messaging:RetryIntervals:0", "-00:00:01", "Messaging:RetryIntervals")]
    [InlineData("Messaging:ErrorQueues:Peek", "1000", "Messaging:ErrorQueues:Peek")]
    public void A_pause_the_broker_cannot_hold_is_refused_naming_its_setting(string key, string value, string named)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Bind((key, value)));

        Assert.Contains(named, refused.Message);
    }
}
