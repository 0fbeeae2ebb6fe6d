using System.Runtime.Serialization;
using System.Text.Json;
using MassTransit;
using Platform.Contracts.Tenants;
using Platform.ServiceDefaults.Outbox;
using RabbitMQ.Client.Exceptions;

namespace Platform.UnitTests;

/// <summary>Poison (quarantine, go on) against transient (retry in order): the rule the outbox dispatcher applies to a failed row.</summary>
public sealed class OutboxFailuresTests
{
    private static OutboxMessage Row(string messageType, string payload) => new() { MessageType = messageType, Payload = payload };

    private static string? ReasonReading(OutboxMessage row)
    {
        var failure = Record.Exception(() => row.Deserialize());
        Assert.NotNull(failure);
        return OutboxFailures.PoisonReason(failure);
    }

    [Fact]
    public void A_row_of_a_type_this_build_does_not_know_is_poison_naming_the_type()
    {
        var reason = ReasonReading(Row("Platform.Contracts.Billing.InvoiceIssuedV9, Platform.Contracts", "{}"));

        Assert.Equal("the message type 'Platform.Contracts.Billing.InvoiceIssuedV9, Platform.Contracts' is unknown to this build", reason);
    }

    [Fact]
    public void A_row_of_an_assembly_that_is_not_there_is_poison()
    {
        var reason = ReasonReading(Row("Platform.Contracts.Tenants.TenantRegistered, Platform.Contracts.Missing", "{}"));

        Assert.NotNull(reason);
        Assert.StartsWith("the message type 'Platform.Contracts.Tenants.TenantRegistered, Platform.Contracts.Missing'", reason);
    }

    [Fact]
    public void A_payload_that_does_not_fit_its_type_is_poison_naming_the_type_and_the_json_error()
    {
        var type = typeof(TenantRegistered);
        var reason = ReasonReading(Row($"{type.FullName}, {type.Assembly.GetName().Name}", """{"tenantId":"not-a-guid"}"""));

        Assert.NotNull(reason);
        Assert.StartsWith("the payload is not a TenantRegistered: ", reason);
        Assert.Contains("$.tenantId", reason);
    }

    [Fact]
    public void A_null_payload_is_poison()
    {
        var type = typeof(TenantRegistered);

        Assert.Equal("the payload of the TenantRegistered is null", ReasonReading(Row($"{type.FullName}, {type.Assembly.GetName().Name}", "null")));
    }

    [Fact]
    public void A_message_the_serializer_refuses_is_poison_with_the_serializers_reason()
    {
        // How MassTransit's System.Text.Json body reports a message it cannot write.
        var refused = new SerializationException("Failed to serialize message", new JsonException("A possible object cycle was detected."));

        Assert.Equal("the message cannot be serialized: A possible object cycle was detected.", OutboxFailures.PoisonReason(refused));
    }

    [Fact]
    public void A_poison_cause_wrapped_by_the_transport_is_still_poison()
    {
        var wrapped = new InvalidOperationException("Publish faulted", new UnreadableOutboxMessageException("the payload of the X is null"));

        Assert.Equal("the payload of the X is null", OutboxFailures.PoisonReason(wrapped));
    }

    public static TheoryData<Exception> BrokerFailures() =>
    [
        new RabbitMqConnectionException("Connect failed: guest@localhost:5672/"),
        new BrokerUnreachableException(new IOException("Connection refused")),
        new OperationCanceledException("the publish timed out waiting for the broker's confirm"),
        new TimeoutException(),
        new ConnectionException("The channel was closed before the publish was confirmed"),
        new InvalidOperationException("The bus is not started"),
        new Exception("something nobody foresaw"),
    ];

    [Theory]
    [MemberData(nameof(BrokerFailures))]
    public void A_failure_of_the_broker_or_one_not_recognised_is_transient_so_the_row_is_retried_in_order(Exception failure)
    {
        Assert.Null(OutboxFailures.PoisonReason(failure));
    }

    [Fact]
    public void A_quarantined_row_keeps_its_reason_and_when()
    {
        var row = Row("X, Y", "{}");
        var now = DateTimeOffset.Parse("2026-12-02T09:00:00Z");

        row.Quarantine("the message type 'X, Y' is unknown to this build", now);

        Assert.Equal(now, row.QuarantinedAt);
        Assert.Equal("the message type 'X, Y' is unknown to this build", row.LastError);
        Assert.Equal(1, row.Attempts);
    }
}
