using System.Diagnostics.Metrics;
using System.Text;
using MassTransit;
using Platform.ServiceDefaults.Messaging;
using Platform.ServiceDefaults.Messaging.ErrorQueues;
using Platform.ServiceDefaults.Messaging.Redelivery;
using Platform.ServiceDefaults.Telemetry;
using RabbitMQ.Client;

namespace Platform.UnitTests;

/// <summary>What the operator sees of a message in an error queue, and what a re-drive sends back.</summary>
public sealed class ErrorQueueTests
{
    private static readonly Dictionary<string, object?> FailedHeaders = new()
    {
        ["MT-Reason"] = "fault"u8.ToArray(),
        ["MT-Fault-ExceptionType"] = "System.Net.Sockets.SocketException"u8.ToArray(),
        ["MT-Fault-Message"] = "Connection refused"u8.ToArray(),
        ["MT-Fault-Timestamp"] = "2026-05-04T10:11:12.0000000Z"u8.ToArray(),
        ["MT-Fault-MessageType"] = "Platform.Contracts.Inference.PredictionsServed"u8.ToArray(),
        ["MT-Fault-StackTrace"] = "   at Npgsql..."u8.ToArray(),
        ["MT-Host-MachineName"] = "worker-1"u8.ToArray(),
        ["MT-Redelivery-Count"] = 2,
        ["x-death"] = new List<object?>(),
        ["x-first-death-queue"] = "billing-predictions-served_redelivery_30s"u8.ToArray(),
        [Constants.PublishSequenceNumberHeader] = 7L,
        ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"u8.ToArray(),
        ["Platform-Redrive-Count"] = 1,
    };

    [Fact]
    public void A_faulted_message_shows_why_when_and_how_often_it_was_tried()
    {
        var properties = new BasicProperties { MessageId = "0196a1b2-0000-7000-8000-000000000001", CorrelationId = "run-1", Headers = FailedHeaders };

        var described = FaultHeaders.Describe(properties, "{}"u8);

        Assert.Equal("System.Net.Sockets.SocketException", described.ExceptionType);
        Assert.Equal("Connection refused", described.Reason);
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 10, 11, 12, TimeSpan.Zero), described.FaultedAt);
        Assert.Equal("Platform.Contracts.Inference.PredictionsServed", described.MessageType);
        Assert.Equal(2, described.Redeliveries);
        Assert.Equal(1, described.Redrives);
        Assert.Equal("0196a1b2-0000-7000-8000-000000000001", described.MessageId);
    }

    [Fact]
    public void Without_fault_headers_the_message_type_comes_from_masstransits_envelope()
    {
        var body = Encoding.UTF8.GetBytes("""{"messageId":"x","messageType":["urn:message:Platform.Contracts.Tenants:TenantRegistered","urn:message:Platform.Contracts:IPlatformMessage"],"message":{}}""");

        var described = FaultHeaders.Describe(new BasicProperties(), body);

        Assert.Equal("Platform.Contracts.Tenants.TenantRegistered", described.MessageType);
        Assert.Null(described.ExceptionType);
        Assert.Equal(0, described.Redeliveries);
    }

    [Fact]
    public void A_re_driven_message_keeps_its_own_headers_starts_its_redeliveries_afresh_and_counts_its_re_drives()
    {
        var headers = FaultHeaders.ForRedrive(FailedHeaders);

        Assert.Equal(["Platform-Redrive-Count", "traceparent"], headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, headers["Platform-Redrive-Count"]);
        Assert.Equal(1, FaultHeaders.ForRedrive(null)["Platform-Redrive-Count"]);
    }

    [Fact]
    public void A_service_lists_its_durable_queues_and_finds_one_by_its_name_or_its_error_queues()
    {
        var queues = new ServiceQueues("billing");
        queues.Add(new ServiceQueue("billing-predictions-served", false, new RedeliverySchedule("billing-predictions-served", [TimeSpan.FromSeconds(30)])));
        queues.Add(new ServiceQueue("billing-revocations-0123", true, new RedeliverySchedule("billing-revocations-0123", [])));
        queues.Add(new ServiceQueue("billing-tenant-registered", false, new RedeliverySchedule("billing-tenant-registered", [TimeSpan.FromSeconds(30)])));

        Assert.Equal(["billing-predictions-served", "billing-tenant-registered"], queues.Durable.Select(q => q.Name));
        Assert.Equal("billing-predictions-served", queues.Find("billing-predictions-served_error")?.Name);
        Assert.Equal("billing-tenant-registered_error", queues.Find("billing-tenant-registered")?.ErrorQueue);
        Assert.Null(queues.Find("billing-revocations-0123"));
        Assert.Null(queues.Find("registry-model-trained"));
    }

    [Fact]
    public void The_depth_gauge_reports_each_error_queue_by_its_name()
    {
        var queue = $"billing-test-{Guid.NewGuid():N}_error";
        MessagingTelemetry.RecordErrorQueueDepth(queue, 48);
        var seen = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "platform.messaging.error_queue.depth") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == MessagingTelemetry.QueueTag) seen[(string)tag.Value!] = value;
        });
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(48, seen[queue]);
    }
}
