using System.Diagnostics;
using Platform.Contracts;
using Platform.Contracts.Datasets;
using Platform.ServiceDefaults.Outbox;

namespace Platform.UnitTests;

public sealed class OutboxMessageTests
{
    private static DatasetVersionCreated Event() => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "credit", 3,
        new ArtifactReference("artifact://sha256/ab", new string('a', 64), 1234), DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_stored_event_deserializes_to_an_equal_message_of_its_own_type()
    {
        var message = Event();
        var row = OutboxMessage.Create(message);

        var (restored, type) = row.Deserialize();

        Assert.Equal(typeof(DatasetVersionCreated), type);
        Assert.Equal(message, restored);
        Assert.Equal(message.CorrelationId, row.CorrelationId);
    }

    [Fact]
    public void A_stored_event_remembers_the_trace_it_was_written_in()
    {
        using var listener = new ActivityListener { ShouldListenTo = _ => true, Sample = (ref _) => ActivitySamplingResult.AllData };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test");
        using var activity = source.StartActivity("upload")!;

        var row = OutboxMessage.Create(Event());

        Assert.Equal(activity.Id, row.TraceParent);
        Assert.True(ActivityContext.TryParse(row.TraceParent, null, out var parent));
        Assert.Equal(activity.TraceId, parent.TraceId);
    }

    [Fact]
    public void Each_stored_event_gets_its_own_time_ordered_message_id()
    {
        var first = OutboxMessage.Create(Event());
        var second = OutboxMessage.Create(Event());

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(7, first.Id.Version);
    }
}
